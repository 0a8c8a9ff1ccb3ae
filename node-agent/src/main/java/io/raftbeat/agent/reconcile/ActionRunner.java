package io.raftbeat.agent.reconcile;

import io.raftbeat.agent.exec.AgentResult;
import io.raftbeat.agent.exec.ExecStatus;
import io.raftbeat.agent.monitor.MonitorKey;
import io.raftbeat.agent.monitor.RecurringMonitors;
import io.raftbeat.agent.report.OpResults;
import io.raftbeat.agent.report.Reporter;
import io.raftbeat.proto.v1.Action;
import io.raftbeat.proto.v1.OpResult;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Executes the actions meant for this node, each at most once, on its resource's queue (fence actions at once, on
 * {@link FenceActions}' threads), and reports each result with the action's id, transition and target. Besides
 * running the agent: a stop first cancels the resource's recurring monitors and escalates when it fails
 * ({@link StopEscalation}), a {@code cancel} ends one monitor, and a monitor with an interval that met its target
 * starts one. While the node's lease is lost (self-fencing) nothing new starts: every action but a stop, a cancel
 * or a probe is answered "cancelled" (op-status 1, which the scheduler does not count as a failure) without running.
 * {@link #offer} is called from the watch thread; the rest runs on the resource queues.
 */
public final class ActionRunner {
    private static final Logger LOG = LoggerFactory.getLogger(ActionRunner.class);

    private final String node;
    private final ActionLedger ledger = new ActionLedger();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final ResourceQueues queues;
    private final ResourceExecutor executor;
    private final RecurringMonitors monitors;
    private final Reporter reporter;
    private final FenceActions fences;
    private final StopEscalation stops;
    private final BooleanSupplier leaseLost;

    /** {@code leaseLost} tells whether the node is self-fencing: then nothing new starts. */
    public ActionRunner(
            String node,
            ResourceQueues queues,
            ResourceExecutor executor,
            RecurringMonitors monitors,
            Reporter reporter,
            FenceActions fences,
            BooleanSupplier leaseLost) {
        this.node = node;
        this.queues = queues;
        this.executor = executor;
        this.monitors = monitors;
        this.reporter = reporter;
        this.fences = fences;
        this.stops = new StopEscalation(executor);
        this.leaseLost = leaseLost;
    }

    /**
     * Takes a whole listing of the node's actions (at start, and again when the watch fell behind): resumes the
     * recurring monitors in force, then offers each action.
     */
    public void listed(List<Action> actions) {
        MonitorsInForce.of(actions).stream()
                .filter(a -> a.getNode().equals(node))
                .forEach(monitors::resume);
        actions.forEach(this::offer);
    }

    /** Queues {@code action} unless it has a result, is another node's, or was taken before in this agent's life. */
    public void offer(Action action) {
        if (action.hasResult() || !action.getNode().equals(node) || !ledger.claim(action)) {
            return;
        }
        long seenMs = System.currentTimeMillis();
        LOG.info(
                "action {}: {} {}{} (interval {} ms, transition {})",
                action.getId(),
                action.getOperation(),
                action.getResource().getId(),
                FenceActions.isFence(action) ? " against " + action.getFenceTarget() : "",
                action.getIntervalMs(),
                action.getTransitionId());
        inFlight.incrementAndGet();
        Runnable task = () -> {
            try {
                run(action, seenMs);
            } finally {
                inFlight.decrementAndGet();
            }
        };
        if (FenceActions.isFence(action)) {
            if (!fences.execute(task)) {
                inFlight.decrementAndGet(); // stopping: the fencer retries it elsewhere
            }
        } else {
            queues.submit(action.getResource().getId(), task);
        }
    }

    /** No action is queued or running: every action taken so far has its result handed to the reporter. */
    public boolean idle() {
        return inFlight.get() == 0;
    }

    private void run(Action action, long seenMs) {
        long queueTimeMs = System.currentTimeMillis() - seenMs;
        String rsc = action.getResource().getId();
        if (leaseLost.getAsBoolean() && !harmless(action)) {
            OpResult refused =
                    reporter.report(OpResults.answering(action, refused(action)).setQueueTimeMs(queueTimeMs));
            LOG.warn(
                    "action {}: {} {} not run: {}",
                    action.getId(),
                    action.getOperation(),
                    rsc,
                    refused.getExitReason());
            return;
        }
        if (FenceActions.isFence(action)) {
            report(action, fences.run(action), queueTimeMs);
            return;
        }
        switch (action.getOperation()) {
            case "cancel" -> {
                reporter.report(OpResults.answering(action, cancelled(action)).setQueueTimeMs(queueTimeMs));
                return;
            }
            case "stop" -> monitors.cancelAll(rsc).forEach(reporter::report);
            default -> {}
        }
        boolean recurring = action.getOperation().equals("monitor") && action.getIntervalMs() > 0;
        if (recurring) {
            // A new monitor action replaces the one running for its key, whatever its own result.
            monitors.cancel(new MonitorKey(rsc, action.getIntervalMs()));
        }
        OpResult.Builder result = action.getOperation().equals("stop")
                ? stops.stop(action.getResource(), ResourceExecutor.timeoutOf(action))
                : executor.run(
                        action.getResource(),
                        action.getOperation(),
                        action.getIntervalMs(),
                        ResourceExecutor.timeoutOf(action));
        OpResult reported = report(action, result, queueTimeMs);
        if (recurring && reported.getRcCode() == action.getTargetRc() && reported.getOpStatus() == 0) {
            monitors.start(action, reported);
        }
    }

    private OpResult report(Action action, OpResult.Builder result, long queueTimeMs) {
        OpResult reported = reporter.report(OpResults.answering(action, result).setQueueTimeMs(queueTimeMs));
        LOG.info(
                "action {}: {} {} rc {} op-status {} {}",
                action.getId(),
                action.getOperation(),
                action.getResource().getId(),
                reported.getRcCode(),
                reported.getOpStatus(),
                reported.getExitReason());
        return reported;
    }

    /** What may run while the lease is lost: what stops or only looks (a probe), never what starts. */
    private static boolean harmless(Action action) {
        return switch (action.getOperation()) {
            case "stop", "cancel" -> !FenceActions.isFence(action);
            case "monitor" -> action.getIntervalMs() == 0 && !FenceActions.isFence(action);
            default -> false;
        };
    }

    private static OpResult.Builder refused(Action action) {
        AgentResult cancelled = new AgentResult(
                1,
                ExecStatus.CANCELLED,
                "not run: this node lost its lease and is self-fencing; nothing starts here until it rejoins",
                "",
                0,
                "");
        return OpResults.of(action.getResource(), action.getOperation(), action.getIntervalMs(), cancelled);
    }

    /** A cancel's answer is the ended monitor's result; a monitor that was not running ends all the same. */
    private OpResult.Builder cancelled(Action action) {
        MonitorKey key = new MonitorKey(action.getResource().getId(), action.getIntervalMs());
        OpResult.Builder result = monitors.cancel(key);
        return result != null
                ? result
                : OpResults.cancelled(action.getResource(), action.getIntervalMs(), action.getTargetRc());
    }
}
