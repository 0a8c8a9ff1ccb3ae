package io.raftbeat.agent.state;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The {@code call-id} of each result this node reports: increasing for the life of the node, as Pacemaker's
 * executor numbers its calls. Seeded at start-up above the highest call-id already in the node's status section,
 * so that a restarted agent never reuses one. Thread-safe.
 */
public final class CallIds {
    private final AtomicLong next = new AtomicLong(1);

    /** Makes the next id at least {@code highestSeen + 1}; never moves backwards. */
    public void seed(long highestSeen) {
        next.accumulateAndGet(highestSeen + 1, Math::max);
    }

    public long next() {
        return next.getAndIncrement();
    }
}
