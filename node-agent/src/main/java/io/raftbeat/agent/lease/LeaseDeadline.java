package io.raftbeat.agent.lease;

import java.time.Duration;

/**
 * How long ago, on the monotonic clock, the agent sent the last heartbeat (or join) that the leader acknowledged.
 * The leader declares the node lost once no heartbeat has reached it for one lease period; the agent cannot know
 * when the leader received that heartbeat, only that it was after it was sent, so the lease is counted from the
 * send time. Written by the heartbeat thread, read by the self-fence watchdog; thread-safe.
 */
public final class LeaseDeadline {
    private final Duration lease;
    private volatile long ackedSendNanos;
    private volatile boolean held;

    public LeaseDeadline(Duration lease) {
        this.lease = lease;
    }

    public Duration lease() {
        return lease;
    }

    /** The leader acknowledged a heartbeat or join sent at {@code sentNanos} ({@link System#nanoTime}). */
    public synchronized void acknowledged(long sentNanos) {
        if (!held || sentNanos - ackedSendNanos > 0) {
            ackedSendNanos = sentNanos;
        }
        held = true;
    }

    /** True once the node has joined: before that there is no lease to lose. */
    public boolean held() {
        return held;
    }

    /** Time since the last acknowledged send; zero before the first one. */
    public Duration sinceAcknowledged() {
        return held ? Duration.ofNanos(System.nanoTime() - ackedSendNanos) : Duration.ZERO;
    }
}
