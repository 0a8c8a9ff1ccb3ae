package io.raftbeat.agent;

import io.raftbeat.agent.lease.StoreMembers;
import io.raftbeat.agent.lease.StoreUnavailableException;
import io.raftbeat.agent.report.Reporter;
import io.raftbeat.agent.state.NodeHistory;
import io.raftbeat.agent.state.ShutdownAttribute;
import io.raftbeat.agent.state.StoreReads;
import io.raftbeat.proto.v1.CibRequest;
import io.raftbeat.proto.v1.CibServiceGrpc;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first half of a clean stop, as Pacemaker's controller shuts a node down: commit the node's {@code shutdown}
 * attribute, keep running the actions the cluster sends meanwhile (the scheduler now stops or moves everything
 * here), and return once the node's history shows nothing active with no action of ours in flight, or once the
 * timeout passes (logged, naming what still runs). Runs on the thread that stops the agent.
 *
 * <pre>
 *   set shutdown ──► poll node_state ──► nothing active, idle ──► return true (then Leave)
 *        ▲                 │  └─ timeout ─────────────────────► return false (then Leave)
 *        └─ attribute gone (a rejoin cleared it)
 * </pre>
 */
final class ShutdownDrain {
    private static final Logger LOG = LoggerFactory.getLogger(ShutdownDrain.class);
    private static final Duration ATTEMPT = Duration.ofSeconds(5);
    private static final Duration POLL = Duration.ofMillis(250);

    private final StoreMembers members;
    private final String node;
    private final Reporter reporter;
    private final BooleanSupplier actionsIdle;
    private final Clock clock;

    /** {@code actionsIdle} tells whether an action the agent took is still queued or running. */
    ShutdownDrain(StoreMembers members, String node, Reporter reporter, BooleanSupplier actionsIdle, Clock clock) {
        this.members = members;
        this.node = node;
        this.reporter = reporter;
        this.actionsIdle = actionsIdle;
        this.clock = clock;
    }

    /** True when the node was drained; false when {@code timeout} passed first. */
    boolean run(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        StoreReads reads = new StoreReads(members);
        List<String> active = List.of();
        String unreachable = null;
        while (true) {
            try {
                // Results handed to the reporter must be in the history before it can show the node empty.
                boolean quiet = actionsIdle.getAsBoolean() && reporter.flush(POLL);
                String state = reads.nodeState(node);
                if (!ShutdownAttribute.isSet(state)) {
                    commitShutdown(); // at the start, and again if a rejoin (a lapsed lease) cleared it
                } else {
                    active = NodeHistory.activeResources(state);
                    if (active.isEmpty() && quiet) {
                        LOG.info("node {} runs no resource: leaving", node);
                        return true;
                    }
                }
                unreachable = null;
            } catch (StoreUnavailableException e) {
                if (unreachable == null) {
                    LOG.warn("shutting down: cannot reach the store: {}", e.getMessage());
                }
                unreachable = e.getMessage();
            }
            if (System.nanoTime() >= deadline) {
                LOG.warn(
                        "shutdown timeout ({} s) passed with {} still active here{}: leaving anyway",
                        timeout.toSeconds(),
                        active.isEmpty() ? "nothing known" : String.join(", ", active),
                        unreachable == null ? "" : " (the store did not answer: " + unreachable + ")");
                return false;
            }
            Thread.sleep(POLL.toMillis());
        }
    }

    private void commitShutdown() throws StoreUnavailableException {
        long now = clock.instant().getEpochSecond();
        CibRequest request = ShutdownAttribute.request(node, now); // one request id across members
        members.call(
                (channel, deadline) -> CibServiceGrpc.newBlockingStub(channel)
                        .withDeadline(deadline)
                        .apply(request),
                ATTEMPT);
        LOG.info("node {} shutting down (shutdown={}): waiting for its resources to be stopped or moved", node, now);
    }
}
