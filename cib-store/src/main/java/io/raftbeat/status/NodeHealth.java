package io.raftbeat.status;

import java.util.Map;
import org.w3c.dom.Element;

/**
 * Pacemaker's determine_online_status for a cluster node: online needs the membership ({@code in_ccm}), the
 * controller ({@code crmd}) and a completed join. A node that is not online but was expected up ({@code
 * expected="member"}) is unclean when fencing is enabled; so is a node never seen at all, under startup-fencing.
 */
final class NodeHealth {
    private NodeHealth() {}

    static NodeStatus of(String name, Element node, Element state, boolean fencing, boolean startupFencing) {
        Map<String, String> attrs = Xml.nvpairs(node, "instance_attributes");
        if (state != null) {
            // Transient (status) attributes override the configured ones, as crm_standby -l reboot does.
            attrs.putAll(Xml.nvpairs(Xml.child(state, "transient_attributes"), "instance_attributes"));
        }
        boolean standby = Xml.isTrue(attrs.get("standby"));
        boolean maintenance = Xml.isTrue(attrs.get("maintenance"));
        boolean shuttingDown = shuttingDown(attrs.get("shutdown"));
        if (state == null) {
            boolean unclean = fencing && startupFencing;
            return new NodeStatus(
                    name,
                    false,
                    unclean,
                    false,
                    standby,
                    maintenance,
                    false,
                    shuttingDown,
                    unclean ? NodeStatus.UNCLEAN : "");
        }
        boolean inCluster = upFlag(state.getAttribute("in_ccm"), "true");
        boolean controller = upFlag(state.getAttribute("crmd"), "online");
        boolean joined = "member".equals(state.getAttribute("join"));
        boolean expectedUp = "member".equals(state.getAttribute("expected"));
        boolean online = inCluster && controller && joined;
        boolean pending = !online && inCluster && controller;
        boolean unclean = fencing && !online && !pending && expectedUp;
        return new NodeStatus(
                name,
                online,
                unclean,
                pending,
                standby,
                maintenance,
                expectedUp,
                shuttingDown,
                unclean ? uncleanReason(inCluster, controller) : "");
    }

    /** Pacemaker's determine_online_status_fencing words for a node lost while expected up. */
    private static String uncleanReason(boolean inCluster, boolean controller) {
        if (!inCluster) {
            return "peer is no longer part of the cluster";
        }
        return controller ? NodeStatus.UNCLEAN : "peer process is no longer available";
    }

    /** Pacemaker's controller sets {@code shutdown} to the epoch second it began stopping; unset or "0" is not. */
    private static boolean shuttingDown(String value) {
        return value != null && !value.isBlank() && !value.trim().equals("0");
    }

    /** Newer Pacemaker stores a timestamp where older ones wrote {@code true}/{@code online}: any positive number. */
    private static boolean upFlag(String value, String word) {
        if (value.equalsIgnoreCase(word)) {
            return true;
        }
        try {
            return Long.parseLong(value) > 0;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
