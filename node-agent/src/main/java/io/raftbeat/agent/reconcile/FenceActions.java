package io.raftbeat.agent.reconcile;

import io.raftbeat.agent.DaemonThreads;
import io.raftbeat.agent.config.ResourceSpecs;
import io.raftbeat.agent.exec.AgentCall;
import io.raftbeat.agent.exec.AgentResult;
import io.raftbeat.agent.exec.AgentResults;
import io.raftbeat.agent.exec.ExecStatus;
import io.raftbeat.agent.report.OpResults;
import io.raftbeat.agent.stonith.FenceDevice;
import io.raftbeat.proto.v1.Action;
import io.raftbeat.proto.v1.OpResult;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;

/**
 * The fence actions meant for this node ({@code Action.fence_target} set: run the stonith device {@code resource}
 * with action {@code operation} against the target). They run at once on threads of their own, never in the device
 * resource's queue, so that fencing never waits behind a monitor of the device, and their result is reported like
 * any action's: the device as the resource, the fence action as the operation, rc 0 when the target is fenced,
 * op-status 2 when the device timed out. A node does not fence itself: that action is refused (rc 1).
 * {@link #execute} is called from the watch thread; {@link #run} on a fence thread.
 */
public final class FenceActions implements AutoCloseable {
    private final String node;
    private final FenceDevice devices;
    private final ExecutorService pool = Executors.newCachedThreadPool(DaemonThreads.named("fence"));

    public FenceActions(String node, FenceDevice devices) {
        this.node = node;
        this.devices = devices;
    }

    static boolean isFence(Action action) {
        return !action.getFenceTarget().isEmpty();
    }

    /** Runs {@code task} (an action's whole run) on a fence thread; false once closed. */
    boolean execute(Runnable task) {
        try {
            pool.execute(task);
            return true;
        } catch (RejectedExecutionException closed) {
            return false;
        }
    }

    /** Runs the fence action; returns the result to report (not yet marked as the action's answer). */
    OpResult.Builder run(Action action) {
        String target = action.getFenceTarget();
        AgentResult result;
        if (target.equals(node)) {
            result = AgentResults.decided(
                    1,
                    "device " + action.getResource().getId() + " not run against " + target
                            + ": a node does not fence itself");
        } else {
            AgentCall call = ResourceSpecs.call(action.getResource(), 0, ResourceExecutor.timeoutOf(action));
            try {
                result = devices.fence(call, action.getOperation(), target);
            } catch (RuntimeException e) {
                // The devices promise not to throw; if one does, the fencer still gets an answer, not silence.
                result = new AgentResult(1, ExecStatus.ERROR, "fence device failed: " + e, "", 0, "");
            }
        }
        return OpResults.of(action.getResource(), action.getOperation(), 0, result);
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
