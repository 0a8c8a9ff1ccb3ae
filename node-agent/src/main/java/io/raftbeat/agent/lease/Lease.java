package io.raftbeat.agent.lease;

import io.raftbeat.agent.DaemonThreads;
import io.raftbeat.proto.v1.AgentServiceGrpc;
import io.raftbeat.proto.v1.HeartbeatRequest;
import io.raftbeat.proto.v1.HeartbeatResponse;
import io.raftbeat.proto.v1.JoinRequest;
import io.raftbeat.proto.v1.JoinResponse;
import io.raftbeat.proto.v1.LeaveRequest;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's lease with the store leader: Join once (retried across the members until a leader answers), then a
 * Heartbeat every heartbeat interval to the leader, following the leader a member names when it refuses. When
 * the leader answers {@code rejoin} (it had declared the node lost, or a new leader does not hold it online) the
 * lease joins again and runs {@code onRejoin}, since the cluster may have recovered this node's resources
 * elsewhere. Heartbeats do not go through Raft. {@link #join} runs on the caller's thread; heartbeats on their own.
 */
public final class Lease implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Lease.class);
    /** A join is a Raft write on the leader, slower than a heartbeat (which the leader answers from memory). */
    private static final Duration JOIN_ATTEMPT = Duration.ofSeconds(5);

    private final StoreMembers members;
    private final String node;
    private final Duration lease;
    private final Duration heartbeat;
    private final Runnable onRejoin;
    private final LeaseDeadline deadline;
    private final ScheduledExecutorService beats =
            Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("heartbeat"));
    private volatile boolean closed;
    private boolean failing;

    /** {@code deadline} learns the send time of every heartbeat and join the leader acknowledged. */
    public Lease(
            StoreMembers members,
            String node,
            Duration lease,
            Duration heartbeat,
            Runnable onRejoin,
            LeaseDeadline deadline) {
        this.members = members;
        this.node = node;
        this.lease = lease;
        this.heartbeat = heartbeat;
        this.onRejoin = onRejoin;
        this.deadline = deadline;
    }

    /**
     * Joins, retrying with backoff until a leader accepts; false when closed (or interrupted) first. The lease runs
     * from the join's commit, so the heartbeat path is warmed up first: one heartbeat, whose answer does not matter,
     * loads its classes and connects to the leader, and the first real one is not late.
     */
    public boolean join() {
        try {
            heartbeatOnce();
        } catch (StoreUnavailableException e) {
            // No leader yet: the join below waits for one.
        }
        return joinOnce();
    }

    private boolean joinOnce() {
        JoinRequest request = JoinRequest.newBuilder()
                .setNode(node)
                .setLeaseMs(lease.toMillis())
                .build();
        Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(2));
        boolean warned = false;
        while (!closed) {
            try {
                long sent = System.nanoTime();
                JoinResponse joined = members.call(
                        (channel, deadline) -> AgentServiceGrpc.newBlockingStub(channel)
                                .withDeadline(deadline)
                                .join(request),
                        JOIN_ATTEMPT);
                deadline.acknowledged(sent);
                LOG.info(
                        "joined as {} via {} (revision {}, term {})",
                        node,
                        members.preferred(),
                        joined.getRevision(),
                        joined.getTerm());
                return true;
            } catch (StoreUnavailableException e) {
                if (!warned) {
                    LOG.warn("cannot join yet, retrying: {}", e.getMessage());
                    warned = true;
                }
                if (!backoff.pause()) {
                    return false;
                }
            }
        }
        return false;
    }

    /** Starts heartbeating every heartbeat interval, the first one at once: the join's lease is already running. */
    public void start() {
        beats.scheduleWithFixedDelay(this::beat, 0, heartbeat.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void beat() {
        if (closed) {
            return;
        }
        long sent = System.nanoTime();
        try {
            HeartbeatResponse answer = heartbeatOnce();
            if (!answer.getRejoin()) {
                deadline.acknowledged(sent);
            }
            if (failing) {
                LOG.info("lease renewed again by {}", members.preferred());
                failing = false;
            }
            if (answer.getRejoin() && !closed) {
                LOG.warn("leader {} does not hold {} online: joining again and probing", members.preferred(), node);
                if (joinOnce()) {
                    onRejoin.run();
                }
            }
        } catch (StoreUnavailableException e) {
            if (e.answered() > members.servers().size() / 2) {
                // A majority of members answered but none could reach a leader (members forward heartbeats to it):
                // no leader can commit this node lost without one of them, and a new one grants every node a full
                // lease once caught up. Not cut off, then: the lease counts as renewed at the send time.
                deadline.acknowledged(sent);
            }
            if (!failing) {
                LOG.warn("cannot renew the lease: {}", e.getMessage());
                failing = true;
            }
        } catch (RuntimeException e) {
            LOG.error("heartbeat failed: {}", e.toString(), e); // never let the schedule die
        }
    }

    private HeartbeatResponse heartbeatOnce() throws StoreUnavailableException {
        HeartbeatRequest request = HeartbeatRequest.newBuilder()
                .setNode(node)
                .setLeaseMs(lease.toMillis())
                .build();
        return members.call(
                (channel, deadline) -> AgentServiceGrpc.newBlockingStub(channel)
                        .withDeadline(deadline)
                        .heartbeat(request),
                attempt());
    }

    /** Each member gets a third of the lease to answer, so one silent member does not cost the lease. */
    private Duration attempt() {
        return Duration.ofMillis(Math.max(200, lease.toMillis() / 3));
    }

    /** Stops heartbeating and tells the leader the node leaves cleanly (offline, expected down). */
    public boolean leave(Duration timeout) {
        closed = true;
        stopBeating();
        LeaveRequest request = LeaveRequest.newBuilder().setNode(node).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1));
        while (System.nanoTime() < deadline) {
            try {
                members.call(
                        (channel, d) -> AgentServiceGrpc.newBlockingStub(channel)
                                .withDeadline(d)
                                .leave(request),
                        Duration.ofSeconds(2));
                LOG.info("left the cluster cleanly");
                return true;
            } catch (StoreUnavailableException e) {
                if (e.refused() || !backoff.pause()) {
                    LOG.warn("could not leave cleanly: {}", e.getMessage());
                    return false;
                }
            }
        }
        LOG.warn("could not leave cleanly within {} ms", timeout.toMillis());
        return false;
    }

    private void stopBeating() {
        beats.shutdownNow();
        try {
            beats.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops heartbeating without leaving: the leader declares the node lost when the lease runs out. */
    @Override
    public void close() {
        closed = true;
        stopBeating();
    }
}
