package io.raftbeat.leader;

import io.raftbeat.proto.v1.CibResponse;
import io.raftbeat.raft.Commands;
import io.raftbeat.raft.RaftCibStore;
import io.raftbeat.raft.RaftUnavailableException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The leader's half of liveness: agents join, renew (not through Raft) and leave; a node whose lease runs out is
 * committed lost. Run only while this member leads:
 *
 * <pre>
 *   onLeaderStart ──► catch up (ReadIndex until the state machine holds every earlier term's entry)
 *                 ──► grant every node online in the CIB a full lease from now
 *                 ──► check every lease/10 (≥ 20 ms): expired ──► propose NodeLost, once per expiry
 *   onLeaderStop  ──► stop checking, forget every lease
 * </pre>
 *
 * Thread-safe: gRPC threads call join/heartbeat/leave, the apply thread the leader callbacks, the scheduler the rest.
 */
public final class LivenessMonitor implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LivenessMonitor.class);
    private static final long RETRY_MS = 20;

    private final Supplier<RaftCibStore> raft;
    private final Commands commands;
    private final long defaultLeaseMs;
    private final LeaseTracker tracker;
    private final ScheduledExecutorService scheduler;
    private final Object lock = new Object();
    private long generation; // guarded by lock: bumped on every leader start and stop
    private boolean checking; // guarded by lock
    private ScheduledFuture<?> checker; // guarded by lock

    public LivenessMonitor(
            Supplier<RaftCibStore> raft,
            Commands commands,
            long defaultLeaseMs,
            LeaseTracker tracker,
            ScheduledExecutorService scheduler) {
        this.raft = raft;
        this.commands = commands;
        this.defaultLeaseMs = defaultLeaseMs;
        this.tracker = tracker;
        this.scheduler = scheduler;
    }

    /** The lease a request asks for: its own, or the store's default when it gives none. */
    public long leaseOf(long requestedMs) {
        return requestedMs > 0 ? requestedMs : defaultLeaseMs;
    }

    /** Apply thread: this member leads from now; never blocks. */
    public void onLeaderStart(long term) {
        long gen;
        synchronized (lock) {
            gen = ++generation;
            stopChecking();
        }
        LeaderCatchUp<List<String>> catchUp = new LeaderCatchUp<>(
                raft,
                scheduler,
                RETRY_MS,
                () -> current(gen),
                (cib, revision) -> OnlineNodes.of(cib),
                online -> startChecking(gen, term, online));
        scheduler.execute(catchUp::run);
    }

    /** Apply thread: this member no longer leads. */
    public void onLeaderStop() {
        synchronized (lock) {
            generation++;
            stopChecking();
        }
        tracker.clear();
    }

    private void startChecking(long gen, long term, List<String> online) {
        synchronized (lock) {
            if (gen != generation) {
                return;
            }
            for (String node : online) {
                if (!tracker.knows(node)) {
                    tracker.grant(node, defaultLeaseMs);
                }
            }
            long period = Math.max(20, defaultLeaseMs / 10);
            checker = scheduler.scheduleWithFixedDelay(this::check, period, period, TimeUnit.MILLISECONDS);
            checking = true;
        }
        LOG.info("term {}: holding leases of {} online nodes {}", term, online.size(), online);
    }

    private void check() {
        RaftCibStore r = raft.get();
        for (LeaseTracker.Expired e : tracker.expire()) {
            String reason = "lease expired after " + e.leaseMs() + " ms without a heartbeat";
            LOG.warn("{}: {}", e.node(), reason);
            r.propose(commands.nodeLost(e.node(), reason)).whenComplete((ok, t) -> {
                if (t != null) {
                    LOG.warn("could not commit {} lost: {}", e.node(), t.toString());
                }
            });
        }
    }

    /** Commits the node online, then grants it a lease. */
    public CompletableFuture<CibResponse> join(String node, long leaseMs) {
        RaftCibStore r = raft.get();
        if (r == null || !r.isLeader()) {
            return CompletableFuture.failedFuture(new RaftUnavailableException("this member is not the leader"));
        }
        // The lease runs from the commit: a slow commit (the first schema load) must not use it up before the agent
        // hears back, and nothing can expire a node whose join has not committed yet. Until its first heartbeat the
        // node gets two leases: a freshly started agent is slow to send it on a busy machine.
        return r.propose(commands.nodeJoin(node)).thenApply(joined -> {
            tracker.grant(node, 2 * leaseOf(leaseMs));
            return joined;
        });
    }

    /**
     * Renews the node's lease; false when the leader does not hold it online (unknown, or declared lost), which
     * tells the agent to join again. Before the leases are rebuilt after an election, a node the CIB holds online is
     * taken as held, so that a leader change never makes a healthy agent rejoin.
     */
    public boolean heartbeat(String node, long leaseMs) throws Exception {
        if (tracker.renew(node, leaseOf(leaseMs))) {
            return true;
        }
        synchronized (lock) {
            if (checking || tracker.knows(node)) {
                return false;
            }
        }
        RaftCibStore r = raft.get();
        boolean online = r != null
                && r.readLocal((cib, rev) -> OnlineNodes.isOnline(cib, node)).get();
        if (online) {
            tracker.grant(node, leaseOf(leaseMs));
        }
        return online;
    }

    /** The node was fenced: its lease ends, and a heartbeat from it (an agent the fence spared) must rejoin. */
    public void forget(String node) {
        tracker.forget(node);
    }

    /** The node's agent stops cleanly: forget its lease and commit it offline, expected down. */
    public CompletableFuture<CibResponse> leave(String node) {
        RaftCibStore r = raft.get();
        if (r == null || !r.isLeader()) {
            return CompletableFuture.failedFuture(new RaftUnavailableException("this member is not the leader"));
        }
        tracker.forget(node);
        return r.propose(commands.nodeLeave(node));
    }

    private boolean current(long gen) {
        synchronized (lock) {
            return gen == generation;
        }
    }

    private void stopChecking() {
        checking = false;
        if (checker != null) {
            checker.cancel(false);
            checker = null;
        }
    }

    @Override
    public void close() {
        onLeaderStop();
    }
}
