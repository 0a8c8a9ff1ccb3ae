package io.raftbeat.agent.reconcile;

import io.raftbeat.agent.exec.ExecStatus;
import io.raftbeat.proto.v1.OpResult;
import io.raftbeat.proto.v1.ResourceSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A stop as Heartbeat 2's CRM treats one that fails ("after repeated stop failures, we will do a status on the
 * resource"), the rule Pacemaker keeps as on-fail:
 *
 * <pre>
 *   stop ── ok ──────────────────────────────────────────────────► rc 0
 *     └─ failed (rc ≠ 0 or timeout) ─► again, up to stop-retries ── ok ─► rc 0
 *          └─ still failing ─► status (monitor, interval 0) ── 7 ──► rc 0 "… but status reports it stopped"
 *                                                           └─ else ► the last failure "… status still reports it
 *                                                                     running": the scheduler applies on-fail
 * </pre>
 *
 * {@code stop-retries} is the action's {@code resource.meta["stop-retries"]} (the scheduler copies the stop op's
 * value there), default 0; not a number counts as 0. One result comes back for the whole, its exit reason naming
 * every failure. Called on the resource's queue.
 */
final class StopEscalation {
    static final String STOP_RETRIES = "stop-retries";
    private static final Logger LOG = LoggerFactory.getLogger(StopEscalation.class);
    private static final int MAX_RETRIES = 100;
    private static final int FAILURE_MAX = 120;
    private static final int NOT_RUNNING = 7;

    private final ResourceExecutor executor;

    StopEscalation(ResourceExecutor executor) {
        this.executor = executor;
    }

    OpResult.Builder stop(ResourceSpec spec, Duration timeout) {
        OpResult.Builder last = executor.run(spec, "stop", 0, timeout);
        if (succeeded(last)) {
            return last;
        }
        List<String> failures = new ArrayList<>();
        failures.add(describe(last));
        long execMs = last.getExecTimeMs();
        int retries = retries(spec);
        for (int attempt = 1; attempt <= retries; attempt++) {
            LOG.warn(
                    "stop {} failed ({}): retry {} of {}",
                    spec.getId(),
                    failures.get(failures.size() - 1),
                    attempt,
                    retries);
            last = executor.run(spec, "stop", 0, timeout);
            execMs += last.getExecTimeMs();
            if (succeeded(last)) {
                return last.setExitReason(
                                "stop succeeded on attempt " + (attempt + 1) + " after " + String.join("; ", failures))
                        .setExecTimeMs(execMs);
            }
            failures.add(describe(last));
        }
        String tried = "stop failed " + failures.size() + (failures.size() == 1 ? " time (" : " times (")
                + String.join("; ", failures) + ")";
        OpResult.Builder status = executor.run(spec, "monitor", 0, timeout);
        execMs += status.getExecTimeMs();
        boolean stopped = status.getOpStatus() == ExecStatus.DONE.code() && status.getRcCode() == NOT_RUNNING;
        LOG.warn(
                "stop {}: {}; status rc {} op-status {}",
                spec.getId(),
                tried,
                status.getRcCode(),
                status.getOpStatus());
        if (stopped) {
            return last.setRcCode(0)
                    .setOpStatus(ExecStatus.DONE.code())
                    .setExitReason(tried + ", but status reports it stopped")
                    .setExecTimeMs(execMs);
        }
        return last.setExitReason(tried + ", " + statusSays(status)).setExecTimeMs(execMs);
    }

    /** The resource's stop-retries meta attribute: 0 when absent, negative or not a number. */
    static int retries(ResourceSpec spec) {
        String value = spec.getMetaOrDefault(STOP_RETRIES, "").strip();
        try {
            return Math.min(MAX_RETRIES, Math.max(0, Integer.parseInt(value)));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static boolean succeeded(OpResult.Builder r) {
        return r.getRcCode() == 0 && r.getOpStatus() == ExecStatus.DONE.code();
    }

    private static String statusSays(OpResult.Builder status) {
        boolean answered = status.getOpStatus() == ExecStatus.DONE.code();
        int rc = status.getRcCode();
        if (answered && (rc == 0 || rc == 8 || rc == 190 || rc == 191)) {
            return "status still reports it running";
        }
        return "status does not report it stopped (" + describe(status) + ")";
    }

    /** "rc 1: reason", "rc 1 op-status 2: … did not exit within 20000 ms …", bounded. */
    private static String describe(OpResult.Builder r) {
        String s = "rc " + r.getRcCode() + (r.getOpStatus() == 0 ? "" : " op-status " + r.getOpStatus())
                + (r.getExitReason().isEmpty() ? "" : ": " + r.getExitReason());
        return s.length() <= FAILURE_MAX ? s : s.substring(0, FAILURE_MAX) + "…";
    }
}
