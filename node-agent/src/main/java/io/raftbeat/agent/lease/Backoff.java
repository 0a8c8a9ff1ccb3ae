package io.raftbeat.agent.lease;

import java.time.Duration;

/** Pauses between retries: doubling from {@code first} up to {@code max}, back to {@code first} on success. */
public final class Backoff {
    private final long firstMs;
    private final long maxMs;
    private long nextMs;

    public Backoff(Duration first, Duration max) {
        this.firstMs = first.toMillis();
        this.maxMs = max.toMillis();
        this.nextMs = firstMs;
    }

    /** The pause before the next attempt; each call doubles the one after, up to the maximum. */
    public long nextMillis() {
        long pause = nextMs;
        nextMs = Math.min(maxMs, nextMs * 2);
        return pause;
    }

    public void reset() {
        nextMs = firstMs;
    }

    /** Sleeps {@link #nextMillis()}; false when interrupted (the caller is being stopped). */
    public boolean pause() {
        try {
            Thread.sleep(nextMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
