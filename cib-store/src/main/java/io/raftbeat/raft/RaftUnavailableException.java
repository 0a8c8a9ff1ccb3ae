package io.raftbeat.raft;

/**
 * The Raft group could not serve a request here: this member is not the leader, the leader stepped down, no quorum,
 * or it is shutting down. The client may retry, on the leader when one is known.
 */
public final class RaftUnavailableException extends RuntimeException {
    public RaftUnavailableException(String message) {
        super(message);
    }
}
