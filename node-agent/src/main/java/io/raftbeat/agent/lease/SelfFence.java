package io.raftbeat.agent.lease;

import io.raftbeat.agent.DaemonThreads;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Self-fencing on lease loss, what SBD's watchdog gives Pacemaker: by the time the leader declares this node lost
 * (one lease period without a heartbeat reaching it) nothing of it runs any more, even with no fence device.
 * Counted from the send time of the last acknowledged heartbeat ({@link LeaseDeadline}):
 *
 * <pre>
 *   HELD ── 0.75 × lease ──► STOPPING: stop every resource at once ── 0.95 × lease ──► KILLED: SIGKILL what is left
 *    ▲                          │                                                        │
 *    └──── a heartbeat sent less than 0.75 × lease ago is acknowledged: regained ◄─────────┘
 * </pre>
 *
 * While not HELD nothing new starts ({@link #lost}); once regained the agent probes, and the rejoin path reports
 * what runs (nothing). One log line per step. The steps run on the watchdog's thread and must not block it for
 * long (stopAll hands the stops to other threads).
 */
public final class SelfFence implements AutoCloseable {
    /** What the agent does at each step. */
    public interface Steps {
        /** Cancel the recurring monitors and stop every resource the node runs, all at once; do not wait. */
        void stopAll();

        /** SIGKILL every resource process that is left; returns how many got the signal. */
        int killAll() throws InterruptedException;

        /** The lease is held again: probe, so that the cluster learns what still runs here. */
        void regained();
    }

    private enum Phase {
        HELD,
        STOPPING,
        KILLED
    }

    private static final Logger LOG = LoggerFactory.getLogger(SelfFence.class);
    /**
     * When to stop and when to kill, in thousandths of the lease. The leader declares the node lost no earlier than one
     * lease after the last acknowledged heartbeat was sent, and the scheduler starts its resources elsewhere after
     * that; stopping later than this would race it. Stopping earlier makes a loaded machine (a heartbeat thread
     * starved for a few hundred ms) stop everything for nothing, which is worse than the stop window it buys.
     */
    static final int STOP_PERMILLE = 750;

    static final int KILL_PERMILLE = 950;

    private final LeaseDeadline deadline;
    private final Steps steps;
    private final ScheduledExecutorService watchdog =
            Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("self-fence"));
    private volatile Phase phase = Phase.HELD;

    public SelfFence(LeaseDeadline deadline, Steps steps) {
        this.deadline = deadline;
        this.steps = steps;
    }

    /** Starts watching, every fiftieth of the lease (at least every 10 ms). */
    public void start() {
        long period = Math.max(10, deadline.lease().toMillis() / 50);
        watchdog.scheduleWithFixedDelay(this::tick, period, period, TimeUnit.MILLISECONDS);
    }

    /** True from the stop step until the lease is regained: nothing new may start. */
    public boolean lost() {
        return phase != Phase.HELD;
    }

    private void tick() {
        if (!deadline.held()) {
            return;
        }
        long lease = deadline.lease().toMillis();
        long silent = deadline.sinceAcknowledged().toMillis();
        try {
            if (phase == Phase.HELD && silent >= lease * STOP_PERMILLE / 1000) {
                phase = Phase.STOPPING;
                LOG.warn(
                        "self-fencing: no heartbeat acknowledged for {} ms of a {} ms lease: stopping every resource",
                        silent,
                        lease);
                steps.stopAll();
            } else if (phase == Phase.STOPPING && silent >= lease * KILL_PERMILLE / 1000) {
                phase = Phase.KILLED;
                int killed = steps.killAll();
                LOG.warn(
                        "self-fencing: {} ms without an acknowledged heartbeat: killed {} resource process(es)",
                        silent,
                        killed);
            } else if (phase != Phase.HELD && silent < lease * STOP_PERMILLE / 1000) {
                phase = Phase.HELD;
                LOG.warn("self-fencing over: the lease is held again; probing what still runs here");
                steps.regained();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.error("self-fencing step failed: {}", e.toString(), e); // never let the watchdog die
        }
    }

    @Override
    public void close() {
        watchdog.shutdownNow();
    }
}
