package io.raftbeat.watch;

/** A watch or listing asked for events that retention already dropped. */
public final class CompactedRevisionException extends Exception {
    private final long oldestRetained;

    public CompactedRevisionException(long requested, long oldestRetained) {
        super("revision " + requested + " is no longer retained; the oldest retained revision is " + oldestRetained
                + " (query the CIB, then watch from its revision)");
        this.oldestRetained = oldestRetained;
    }

    public long oldestRetained() {
        return oldestRetained;
    }
}
