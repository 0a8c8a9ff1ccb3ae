package io.raftbeat.agent.reconcile;

import io.raftbeat.agent.config.ResourceSpecs;
import io.raftbeat.agent.exec.AgentCall;
import io.raftbeat.agent.exec.AgentResult;
import io.raftbeat.agent.exec.ExecStatus;
import io.raftbeat.agent.monitor.ComplianceWarnings;
import io.raftbeat.agent.report.OpResults;
import io.raftbeat.agent.state.ActiveResources;
import io.raftbeat.proto.v1.OpResult;
import io.raftbeat.proto.v1.ResourceSpec;
import java.time.Duration;

/**
 * Runs one operation of a resource through the class executors and turns the outcome into the result to report.
 * A compliance warning goes into the result's exit reason every time, and into the log once per resource; every
 * result is noted in {@link #active}. Called on a resource queue's thread (and by self-fencing's stops).
 */
public final class ResourceExecutor {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(20);

    private final OperationExecutor executor;
    private final ComplianceWarnings warnings;
    private final ActiveResources active = new ActiveResources();

    public ResourceExecutor(OperationExecutor executor, ComplianceWarnings warnings) {
        this.executor = executor;
        this.warnings = warnings;
    }

    public OpResult.Builder run(ResourceSpec spec, String operation, long intervalMs, Duration timeout) {
        AgentCall call = ResourceSpecs.call(spec, intervalMs, timeout);
        AgentResult result;
        try {
            result = executor.run(spec.getResourceClass(), operation, call);
        } catch (RuntimeException e) {
            // The executors promise not to throw; if one does, the cluster still gets an answer, not silence.
            result = new AgentResult(1, ExecStatus.ERROR, "executor failed: " + e, "", 0, "");
        }
        OpResult.Builder built = OpResults.of(spec, operation, intervalMs, result);
        active.record(spec, operation, result.rc(), result.status().code());
        String warning = result.complianceWarning();
        if (warning != null && !warning.isBlank()) {
            warnings.note(spec.getId(), warning);
            String reason = built.getExitReason();
            built.setExitReason(reason.isEmpty() || reason.contains(warning) ? warning : reason + "; " + warning);
        }
        return built;
    }

    /** The action's timeout, or Pacemaker's default of 20 s when the action names none. */
    public static Duration timeoutOf(io.raftbeat.proto.v1.Action action) {
        return action.getTimeoutMs() > 0 ? Duration.ofMillis(action.getTimeoutMs()) : DEFAULT_TIMEOUT;
    }

    /** The resources this node's results say may run here (self-fencing stops them). */
    public ActiveResources active() {
        return active;
    }

    public ComplianceWarnings warnings() {
        return warnings;
    }
}
