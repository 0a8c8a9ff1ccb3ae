package io.raftbeat.cib;

/** A refused CIB operation: one readable line and the Pacemaker exit code it maps to. */
public final class CibException extends Exception {
    private final CibError error;

    public CibException(CibError error, String message) {
        super(message);
        this.error = error;
    }

    public CibError error() {
        return error;
    }
}
