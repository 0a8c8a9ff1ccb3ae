package io.raftbeat.cib;

import io.raftbeat.proto.v1.OpResult;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * One {@code <lrm_rsc_op>} element built from an agent's result, with the attributes Pacemaker's controller writes
 * ({@code controld_update_resource_history}): keys, transition key and magic, codes, times. Pure.
 */
final class LrmRscOp {
    private LrmRscOp() {}

    static Element build(Document doc, String id, String node, OpResult r) {
        String key = transitionKey(r);
        Element op = doc.createElement("lrm_rsc_op");
        op.setAttribute("id", id);
        op.setAttribute("operation_key", r.getResource().getId() + "_" + r.getOperation() + "_" + r.getIntervalMs());
        op.setAttribute("operation", r.getOperation());
        op.setAttribute("crm-debug-origin", NodeStates.ORIGIN);
        op.setAttribute("crm_feature_set", CibCommit.FEATURE_SET);
        op.setAttribute("transition-key", key);
        op.setAttribute("transition-magic", r.getOpStatus() + ":" + r.getRcCode() + ";" + key);
        op.setAttribute("exit-reason", SafeXml.oneLine(r.getExitReason()));
        op.setAttribute("on_node", node);
        op.setAttribute("call-id", Long.toString(r.getCallId()));
        op.setAttribute("rc-code", Integer.toString(r.getRcCode()));
        op.setAttribute("op-status", Integer.toString(r.getOpStatus()));
        op.setAttribute("interval", Long.toString(r.getIntervalMs()));
        op.setAttribute("last-rc-change", Long.toString(Math.floorDiv(r.getLastRcChangeMs(), 1000)));
        op.setAttribute("exec-time", Long.toString(r.getExecTimeMs()));
        op.setAttribute("queue-time", Long.toString(r.getQueueTimeMs()));
        return op;
    }

    /**
     * Pacemaker's {@code <action>:<transition>:<target rc>:<uuid>}; the action's number is the trailing digits of its
     * id ("5:3" is action 3 of transition 5). A result asked for by no action is {@code 0:0:<target>:raftbeat}.
     */
    static String transitionKey(OpResult r) {
        if (r.getActionId().isEmpty()) {
            return "0:0:" + r.getTargetRc() + ":" + NodeStates.ORIGIN;
        }
        return actionNumber(r.getActionId()) + ":" + r.getTransitionId() + ":" + r.getTargetRc() + ":"
                + NodeStates.ORIGIN;
    }

    private static long actionNumber(String actionId) {
        int start = actionId.length();
        while (start > 0 && Character.isDigit(actionId.charAt(start - 1))) {
            start--;
        }
        String digits = actionId.substring(start);
        if (digits.isEmpty() || digits.length() > 18) {
            return 0;
        }
        return Long.parseLong(digits);
    }
}
