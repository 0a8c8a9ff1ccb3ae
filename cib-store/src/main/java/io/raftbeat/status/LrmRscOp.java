package io.raftbeat.status;

import org.w3c.dom.Element;

/**
 * One {@code lrm_rsc_op} of the status section: an operation's recorded result on a node. {@code targetRc} comes
 * from the transition key ({@code action:transition:target-rc:uuid}), 0 when there is none; {@code lastRcChange} is
 * in seconds since the epoch, as Pacemaker stores it.
 */
public record LrmRscOp(
        String id,
        String resource,
        String node,
        String operation,
        long intervalMs,
        long callId,
        int rc,
        int opStatus,
        int targetRc,
        String exitReason,
        long lastRcChange,
        long execTimeMs,
        long queueTimeMs) {
    /** Pacemaker's PCMK_EXEC_PENDING: recorded before the result is known. */
    public static final int PENDING = -1;

    /** A one-shot monitor: Pacemaker's probe. */
    public boolean isProbe() {
        return operation.equals("monitor") && intervalMs == 0;
    }

    public boolean isPending() {
        return opStatus == PENDING || callId < 0;
    }

    static LrmRscOp of(Element op, String resource, String node) {
        String onNode = op.getAttribute("on_node");
        return new LrmRscOp(
                op.getAttribute("id"),
                resource,
                onNode.isEmpty() ? node : onNode,
                op.getAttribute("operation"),
                Xml.longAttr(op, "interval", 0),
                Xml.longAttr(op, "call-id", -1),
                (int) Xml.longAttr(op, "rc-code", 0),
                (int) Xml.longAttr(op, "op-status", 0),
                targetRc(op.getAttribute("transition-key")),
                op.getAttribute("exit-reason"),
                Xml.longAttr(op, "last-rc-change", 0),
                Xml.longAttr(op, "exec-time", 0),
                Xml.longAttr(op, "queue-time", 0));
    }

    private static int targetRc(String transitionKey) {
        String[] parts = transitionKey.split(":");
        if (parts.length < 4) {
            return 0;
        }
        try {
            return Integer.parseInt(parts[2]);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
