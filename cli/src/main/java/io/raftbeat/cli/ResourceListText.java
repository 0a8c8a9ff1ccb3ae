package io.raftbeat.cli;

import io.raftbeat.status.ClusterStatus;
import io.raftbeat.status.ConfiguredResource;
import io.raftbeat.status.NodeStatus;
import io.raftbeat.status.Xml;
import java.util.ArrayList;
import java.util.List;

/**
 * Resource lines in Pacemaker 2.1's text layout, shared by {@code crm_mon} and {@code crm_resource --list}:
 * {@code * d1\t(ocf:heartbeat:Dummy):\t Started node1}, groups as {@code * Resource Group: g1:} with their members
 * indented below. Inactive resources are left out unless asked for, as crm_mon does without {@code -r}.
 */
final class ResourceListText {
    private final ClusterStatus status;
    private final boolean showInactive;
    private final boolean showNodes;

    /**
     * @param showInactive list stopped resources too (crm_mon -r, crm_resource --list)
     * @param showNodes name the nodes a resource is on (crm_mon), or only its state (crm_resource --list)
     */
    ResourceListText(ClusterStatus status, boolean showInactive, boolean showNodes) {
        this.status = status;
        this.showInactive = showInactive;
        this.showNodes = showNodes;
    }

    /** The section's lines after its header; empty when nothing is to be shown. */
    List<String> lines() {
        List<String> lines = new ArrayList<>();
        for (ConfiguredResource r : status.resources()) {
            switch (r.kind()) {
                case PRIMITIVE -> {
                    if (showInactive || active(r)) {
                        lines.add("  * " + primitive(r));
                    }
                }
                case GROUP -> group(r, "Resource Group: " + r.id(), lines);
                case CLONE -> group(r, "Clone Set: " + r.id(), lines);
            }
        }
        return lines;
    }

    private void group(ConfiguredResource group, String title, List<String> lines) {
        List<ConfiguredResource> members = group.primitives();
        long inactive = members.stream().filter(m -> !active(m)).count();
        if (!showInactive && inactive == members.size()) {
            return;
        }
        List<String> flags = new ArrayList<>();
        if (!showInactive && inactive > 0) {
            flags.add(inactive + (inactive == 1 ? " member" : " members") + " inactive");
        }
        if (!Xml.isTrue(group.meta().getOrDefault("is-managed", "true"))) {
            flags.add("unmanaged");
        }
        if (group.disabled()) {
            flags.add("disabled");
        }
        lines.add("  * " + title + flagText(flags) + ":");
        for (ConfiguredResource m : members) {
            if (showInactive || active(m)) {
                lines.add("    * " + primitive(m));
            }
        }
    }

    private boolean active(ConfiguredResource primitive) {
        return !status.activeNodes(primitive.id()).isEmpty();
    }

    /** {@code d1\t(ocf:heartbeat:Dummy):\t Started node1}: the name, the agent and the state after a space. */
    String primitive(ConfiguredResource r) {
        return r.id() + "\t(" + r.agent() + "):\t " + state(r);
    }

    private String state(ConfiguredResource r) {
        List<String> nodes = status.activeNodes(r.id());
        boolean failed = status.failed(r.id());
        if (nodes.isEmpty()) {
            String state = "Stopped" + flagText(flags(r, nodes, false));
            if (status.notInstalled(r.id())) {
                state += " (not installed) "; // sic: Pacemaker 2.1.5 ends this flag with a space
            }
            return state;
        }
        String word = failed ? "FAILED" : "Started";
        if (!showNodes) {
            return word;
        }
        if (nodes.size() > 1) {
            return word + " [ " + String.join(" ", nodes) + " ]";
        }
        String node = nodes.get(0);
        // Pacemaker flags only a node that is gone as well as unclean; an unclean node still online runs on.
        boolean unclean = status.node(node).map(n -> n.unclean() && !n.online()).orElse(false);
        return word + " " + node + flagText(flags(r, nodes, unclean));
    }

    /** Pacemaker's flags after the state, in its order: UNCLEAN, disabled, unmanaged. */
    private List<String> flags(ConfiguredResource r, List<String> nodes, boolean unclean) {
        List<String> flags = new ArrayList<>();
        if (unclean) {
            flags.add("UNCLEAN");
        }
        if (r.disabled()) {
            flags.add("disabled");
        }
        // A resource on a node in maintenance is left alone there, so Pacemaker shows it unmanaged too.
        boolean onMaintenance = nodes.stream()
                .anyMatch(n -> status.node(n).map(NodeStatus::maintenance).orElse(false));
        if (onMaintenance || !Xml.isTrue(r.meta().getOrDefault("is-managed", "true"))) {
            flags.add("unmanaged");
        }
        return flags;
    }

    /** {@code " (a, b)"}, or nothing without flags. */
    private static String flagText(List<String> flags) {
        return flags.isEmpty() ? "" : " (" + String.join(", ", flags) + ")";
    }
}
