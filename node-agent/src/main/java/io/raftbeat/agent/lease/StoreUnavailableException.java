package io.raftbeat.agent.lease;

/**
 * No member could serve a call in one pass over the member list (or a member refused it for good: see
 * {@link #refused()}). The message names the last failure.
 */
public final class StoreUnavailableException extends Exception {
    private final CallFailure last;
    private final int answered;

    public StoreUnavailableException(String message, CallFailure last) {
        this(message, last, 0);
    }

    /** @param answered how many members answered in the pass themselves (refusals, not silence) */
    public StoreUnavailableException(String message, CallFailure last, int answered) {
        super(message);
        this.last = last;
        this.answered = answered;
    }

    /** How many members answered in the pass themselves: alive and reachable, though none could serve the call. */
    public int answered() {
        return answered;
    }

    /** The last member's failure, or null when no member was tried. */
    public CallFailure last() {
        return last;
    }

    /** True when a member refused the request itself, so asking again gives the same answer. */
    public boolean refused() {
        return last != null && last.kind() == CallFailure.Kind.REFUSED;
    }
}
