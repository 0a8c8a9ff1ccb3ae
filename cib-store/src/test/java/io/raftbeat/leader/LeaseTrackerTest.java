package io.raftbeat.leader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class LeaseTrackerTest {
    private final AtomicLong nanos = new AtomicLong(1_000);
    private final LeaseTracker tracker = new LeaseTracker(nanos::get);

    private void advanceMs(long ms) {
        nanos.addAndGet(ms * 1_000_000);
    }

    @Test
    void leaseExpiresOnceAndOnlyAfterItsLength() {
        tracker.grant("node1", 1000);
        advanceMs(999);
        assertEquals(List.of(), tracker.expire());
        advanceMs(1);
        assertEquals(List.of(new LeaseTracker.Expired("node1", 1000)), tracker.expire());
        advanceMs(5000);
        assertEquals(List.of(), tracker.expire(), "declared lost once per expiry");
    }

    @Test
    void renewExtendsAHeldLeaseButNotALostOrUnknownOne() {
        tracker.grant("node1", 1000);
        advanceMs(800);
        assertTrue(tracker.renew("node1", 1000));
        advanceMs(800);
        assertEquals(List.of(), tracker.expire());
        advanceMs(300);
        assertEquals(1, tracker.expire().size());
        assertFalse(tracker.renew("node1", 1000), "a lost node must join again");
        assertFalse(tracker.renew("node2", 1000), "an unknown node must join");
        tracker.grant("node1", 500);
        assertTrue(tracker.renew("node1", 500));
    }

    @Test
    void forgottenAndClearedNodesAreNeverDeclaredLost() {
        tracker.grant("node1", 100);
        tracker.grant("node2", 100);
        tracker.forget("node1");
        advanceMs(200);
        assertEquals(List.of(new LeaseTracker.Expired("node2", 100)), tracker.expire());
        tracker.grant("node3", 100);
        tracker.clear();
        advanceMs(200);
        assertEquals(List.of(), tracker.expire());
        assertFalse(tracker.knows("node3"));
    }
}
