package io.raftbeat.agent.state;

import java.util.ArrayList;
import java.util.List;
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

    /**
     * The resources whose history in {@code statusXml} may still have them active: every {@code lrm_resource} whose
     * last non-recurring operation (highest call-id) is neither a successful stop nor a probe that found it not
     * running (rc 7). A failed stop or a failed start counts as active, as for Pacemaker, until a stop succeeds.
     */
    public static List<String> activeResources(String statusXml) {
        NodeList resources = Xml.parse(statusXml, "status XML").getElementsByTagName("lrm_resource");
        List<String> active = new ArrayList<>();
        for (int i = 0; i < resources.getLength(); i++) {
            Element rsc = (Element) resources.item(i);
            Element last = lastNonRecurring(rsc);
            if (last != null && !stopped(last) && !active.contains(rsc.getAttribute("id"))) {
                active.add(rsc.getAttribute("id"));
            }
        }
        return active;
    }

    private static Element lastNonRecurring(Element rsc) {
        Element last = null;
        long lastCall = Long.MIN_VALUE;
        NodeList ops = rsc.getElementsByTagName("lrm_rsc_op");
        for (int i = 0; i < ops.getLength(); i++) {
            Element op = (Element) ops.item(i);
            long call = number(op.getAttribute("call-id"), -1);
            if (number(op.getAttribute("interval"), 0) == 0 && call >= lastCall) {
                last = op;
                lastCall = call;
            }
        }
        return last;
    }

    private static boolean stopped(Element op) {
        long rc = number(op.getAttribute("rc-code"), -1);
        boolean done = number(op.getAttribute("op-status"), 0) == 0;
        return switch (op.getAttribute("operation")) {
            case "stop" -> done && rc == 0;
            case "monitor" -> done && rc == 7;
            default -> false;
        };
    }

    private static long number(String text, long otherwise) {
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            return otherwise;
        }
    }
}
