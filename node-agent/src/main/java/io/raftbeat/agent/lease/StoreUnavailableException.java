package io.raftbeat.agent.lease;

/**
 * No member could serve a call in one pass over the member list (or a member refused it for good: see
 * {@link #refused()}). The message names the last failure.
 */
public final class StoreUnavailableException extends Exception {
    private final CallFailure last;

    public StoreUnavailableException(String message, CallFailure last) {
        super(message);
        this.last = last;
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
