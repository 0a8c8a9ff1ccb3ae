package io.raftbeat.agent.state;

import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** Reads a node's operation history (its {@code node_state} XML, or any part of the status section). Pure. */
public final class NodeHistory {
    private NodeHistory() {}

    /** The highest {@code call-id} of any {@code lrm_rsc_op} in {@code statusXml}, or 0 when there is none. */
    public static long highestCallId(String statusXml) {
        NodeList ops = Xml.parse(statusXml, "status XML").getElementsByTagName("lrm_rsc_op");
        long highest = 0;
        for (int i = 0; i < ops.getLength(); i++) {
            String callId = ((Element) ops.item(i)).getAttribute("call-id");
            try {
                highest = Math.max(highest, Long.parseLong(callId.trim()));
            } catch (NumberFormatException ignored) {
                // Pacemaker writes -1 for ops that never ran; anything unparsable cannot collide with ours.
            }
        }
        return highest;
    }
}
