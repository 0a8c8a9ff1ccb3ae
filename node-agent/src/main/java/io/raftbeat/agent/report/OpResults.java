package io.raftbeat.agent.report;

import io.raftbeat.agent.exec.AgentResult;
import io.raftbeat.agent.exec.ExecStatus;
import io.raftbeat.proto.v1.Action;
import io.raftbeat.proto.v1.OpResult;
import io.raftbeat.proto.v1.ResourceSpec;

/**
 * Builds the {@link OpResult} reported for one execution, the fields of Pacemaker's {@code lrm_rsc_op}. The
 * resource is reported without its parameters (they are in the configuration already) and the output is cut to
 * its last {@link #MAX_OUTPUT_CHARS} characters, where an agent's error usually is. Pure.
 */
public final class OpResults {
    public static final int MAX_OUTPUT_CHARS = 4096;

    private OpResults() {}

    /** Marks {@code result} as the answer to {@code action}: its id, transition and target copied over. */
    public static OpResult.Builder answering(Action action, OpResult.Builder result) {
        return result.setActionId(action.getId())
                .setTransitionId(action.getTransitionId())
                .setTargetRc(action.getTargetRc());
    }

    /** The result of one execution; an action's result is then marked with {@link #answering}. */
    public static OpResult.Builder of(ResourceSpec resource, String operation, long intervalMs, AgentResult result) {
        return OpResult.newBuilder()
                .setResource(identity(resource))
                .setOperation(operation)
                .setIntervalMs(intervalMs)
                .setRcCode(result.rc())
                .setOpStatus(result.status().code())
                .setExecTimeMs(result.execTimeMs())
                .setExitReason(oneLine(result.exitReason()))
                .setOutput(tail(result.output()));
    }

    /** A recurring monitor ended by a stop or a cancel: Pacemaker's op-status 1, with the last rc it saw. */
    public static OpResult.Builder cancelled(ResourceSpec resource, long intervalMs, int lastRc) {
        return OpResult.newBuilder()
                .setResource(identity(resource))
                .setOperation("monitor")
                .setIntervalMs(intervalMs)
                .setRcCode(lastRc)
                .setOpStatus(ExecStatus.CANCELLED.code());
    }

    static ResourceSpec identity(ResourceSpec r) {
        return ResourceSpec.newBuilder()
                .setId(r.getId())
                .setResourceClass(r.getResourceClass())
                .setProvider(r.getProvider())
                .setType(r.getType())
                .build();
    }

    static String tail(String output) {
        if (output == null) {
            return "";
        }
        return output.length() <= MAX_OUTPUT_CHARS ? output : output.substring(output.length() - MAX_OUTPUT_CHARS);
    }

    static String oneLine(String text) {
        if (text == null) {
            return "";
        }
        String line = text.strip().replaceAll("\\s*[\\r\\n]+\\s*", "; ");
        return line.length() <= 512 ? line : line.substring(0, 509) + "...";
    }
}
