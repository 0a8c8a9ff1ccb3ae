package io.raftbeat.leader;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Each node's lease as the leader holds it: an expiry on a monotonic clock (nanoseconds, injectable for tests),
 * and whether the node was already declared lost (so that it is declared once per expiry, and a heartbeat from it
 * is told to join again). Not replicated: a new leader rebuilds it. Thread-safe.
 */
public final class LeaseTracker {
    private record Lease(long expiresAtNanos, long lengthMs, boolean lost) {}

    /** A node whose lease ran out, and how long that lease was. */
    public record Expired(String node, long leaseMs) {}

    private final LongSupplier nanoClock;
    private final Map<String, Lease> leases = new HashMap<>(); // guarded by this

    public LeaseTracker(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
    }

    /** Holds {@code node} online for {@code leaseMs} from now, whatever it was before (join, new leader). */
    public synchronized void grant(String node, long leaseMs) {
        leases.put(node, new Lease(nanoClock.getAsLong() + leaseMs * 1_000_000, leaseMs, false));
    }

    /** Extends a held lease by {@code leaseMs} from now; false (nothing changed) when the node is not held online. */
    public synchronized boolean renew(String node, long leaseMs) {
        Lease l = leases.get(node);
        if (l == null || l.lost()) {
            return false;
        }
        grant(node, leaseMs);
        return true;
    }

    /** Whether the tracker knows the node at all (held or declared lost). */
    public synchronized boolean knows(String node) {
        return leases.containsKey(node);
    }

    /** The nodes whose lease ran out since the last call; each is marked lost and returned once. */
    public synchronized List<Expired> expire() {
        long now = nanoClock.getAsLong();
        List<Expired> out = new ArrayList<>();
        for (Map.Entry<String, Lease> e : leases.entrySet()) {
            Lease l = e.getValue();
            if (!l.lost() && now - l.expiresAtNanos() >= 0) {
                e.setValue(new Lease(l.expiresAtNanos(), l.lengthMs(), true));
                out.add(new Expired(e.getKey(), l.lengthMs()));
            }
        }
        out.sort((a, b) -> a.node().compareTo(b.node()));
        return out;
    }

    /** The node left cleanly: no lease to watch. */
    public synchronized void forget(String node) {
        leases.remove(node);
    }

    /** This member stopped leading: a later leader starts from the CIB. */
    public synchronized void clear() {
        leases.clear();
    }
}
