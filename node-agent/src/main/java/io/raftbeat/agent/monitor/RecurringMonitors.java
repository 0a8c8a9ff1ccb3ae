package io.raftbeat.agent.monitor;

import io.raftbeat.agent.DaemonThreads;
import io.raftbeat.agent.reconcile.ResourceExecutor;
import io.raftbeat.agent.reconcile.ResourceQueues;
import io.raftbeat.agent.report.OpResults;
import io.raftbeat.agent.report.Reporter;
import io.raftbeat.proto.v1.Action;
import io.raftbeat.proto.v1.OpResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The recurring monitors this agent runs itself, as Pacemaker's executor does: after a monitor action with an
 * interval succeeded, the resource's agent is polled every interval (counted from the end of the last poll) with
 * the action's timeout, on the resource's queue so that a poll never overlaps an action of the resource. A poll is
 * reported only when its (rc, op-status) differs from the last reported one.
 *
 * <pre>
 *   monitor action ok ──start──▶ scheduled ──interval──▶ queued ──▶ polling ──▶ scheduled ...
 *                                    │                     │                         │
 *                                    └────── stop / cancel / a new monitor action ───┴──▶ cancelled (op-status 1)
 * </pre>
 *
 * {@link #start} and {@link #cancel} are called on the resource's queue; the timer thread only queues polls.
 */
public final class RecurringMonitors implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RecurringMonitors.class);

    private final ResourceQueues queues;
    private final ResourceExecutor executor;
    private final Reporter reporter;
    private final ResultChanges changes = new ResultChanges();
    private final Map<MonitorKey, Recurring> running = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer =
            Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("monitor-timer"));

    /** One monitor's action (its resource, interval, timeout, transition and target) and whether it has ended. */
    private static final class Recurring {
        final Action action;
        volatile boolean cancelled;

        Recurring(Action action) {
            this.action = action;
        }
    }

    public RecurringMonitors(ResourceQueues queues, ResourceExecutor executor, Reporter reporter) {
        this.queues = queues;
        this.executor = executor;
        this.reporter = reporter;
    }

    /**
     * Starts polling for {@code action}'s (resource, interval) after its first result {@code first}, which the
     * caller reports; a monitor already running for that key is replaced without a report.
     */
    public void start(Action action, OpResult first) {
        MonitorKey key = new MonitorKey(action.getResource().getId(), action.getIntervalMs());
        Recurring previous = running.put(key, new Recurring(action));
        if (previous != null) {
            previous.cancelled = true;
        }
        changes.forget(key);
        changes.changed(key, first.getRcCode(), first.getOpStatus());
        LOG.info("monitor {} every {} ms", key, key.intervalMs());
        schedule(key, running.get(key));
    }

    /**
     * Resumes {@code action}'s monitor, which an earlier life of this agent ran, unless one runs for its key: the
     * first poll comes at once and is reported, whatever it finds, since nothing has been reported in this life.
     */
    public void resume(Action action) {
        MonitorKey key = new MonitorKey(action.getResource().getId(), action.getIntervalMs());
        Recurring r = new Recurring(action);
        if (running.putIfAbsent(key, r) != null) {
            return;
        }
        changes.forget(key);
        LOG.info("monitor {} resumed, every {} ms", key, key.intervalMs());
        queues.submit(key.resourceId(), () -> poll(key, r));
    }

    /** Ends one monitor; returns its cancelled result (op-status 1) to report, or null when none was running. */
    public OpResult.Builder cancel(MonitorKey key) {
        Recurring r = running.remove(key);
        if (r == null) {
            return null;
        }
        r.cancelled = true;
        int lastRc = changes.lastRc(key, r.action.getTargetRc());
        changes.forget(key);
        LOG.info("monitor {} cancelled", key);
        return OpResults.cancelled(r.action.getResource(), key.intervalMs(), lastRc)
                .setTransitionId(r.action.getTransitionId())
                .setTargetRc(r.action.getTargetRc());
    }

    /** Ends every monitor of {@code resourceId} (before a stop); returns their cancelled results. */
    public List<OpResult.Builder> cancelAll(String resourceId) {
        List<OpResult.Builder> cancelled = new ArrayList<>();
        for (MonitorKey key : List.copyOf(running.keySet())) {
            if (key.resourceId().equals(resourceId)) {
                OpResult.Builder result = cancel(key);
                if (result != null) {
                    cancelled.add(result);
                }
            }
        }
        return cancelled;
    }

    /** Ends every monitor without reporting (self-fencing: the store is out of reach, the probes tell it later). */
    public void cancelEverything() {
        for (MonitorKey key : List.copyOf(running.keySet())) {
            cancel(key);
        }
    }

    public boolean isRunning(MonitorKey key) {
        return running.containsKey(key);
    }

    private void schedule(MonitorKey key, Recurring r) {
        if (r.cancelled) {
            return;
        }
        try {
            timer.schedule(
                    () -> queues.submit(key.resourceId(), () -> poll(key, r)), key.intervalMs(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException stopping) {
            // The agent is stopping: monitors end with it, and the resources keep running.
        }
    }

    private void poll(MonitorKey key, Recurring r) {
        if (r.cancelled) {
            return;
        }
        Action a = r.action;
        OpResult.Builder result =
                executor.run(a.getResource(), "monitor", key.intervalMs(), ResourceExecutor.timeoutOf(a));
        if (!r.cancelled && changes.changed(key, result.getRcCode(), result.getOpStatus())) {
            LOG.info(
                    "monitor {}: rc {} op-status {} {}",
                    key,
                    result.getRcCode(),
                    result.getOpStatus(),
                    result.getExitReason());
            reporter.report(result.setTransitionId(a.getTransitionId()).setTargetRc(a.getTargetRc()));
        }
        schedule(key, r);
    }

    /** Stops polling without reporting anything: the resources keep running while the agent is away. */
    @Override
    public void close() {
        running.values().forEach(r -> r.cancelled = true);
        running.clear();
        timer.shutdownNow();
    }
}
