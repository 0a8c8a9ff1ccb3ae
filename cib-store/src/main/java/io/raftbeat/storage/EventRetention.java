package io.raftbeat.storage;

import java.time.Duration;

/**
 * How many events the event log keeps and for how long. Applied at apply time with the committing command's own
 * timestamp, so every member prunes exactly the same revisions.
 *
 * @param maxEvents the most events kept (the newest event is always kept)
 * @param maxAge events older than this, measured against the newest command's time, are dropped
 */
public record EventRetention(long maxEvents, Duration maxAge) {
    public static final long DEFAULT_MAX_EVENTS = 100_000;
    public static final Duration DEFAULT_MAX_AGE = Duration.ofDays(7);

    public EventRetention {
        if (maxEvents < 1) {
            throw new IllegalArgumentException("event retention must keep at least 1 event, got " + maxEvents);
        }
    }

    public static EventRetention defaults() {
        return new EventRetention(DEFAULT_MAX_EVENTS, DEFAULT_MAX_AGE);
    }
}
