package io.raftbeat.cli;

import io.raftbeat.status.ClusterStatus;
import io.raftbeat.status.ConfiguredResource;
import io.raftbeat.status.FailCount;
import io.raftbeat.status.LrmRscOp;
import io.raftbeat.status.NodeStatus;
import io.raftbeat.status.ResourceHistory;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code crm_mon -1}'s text, section by section in Pacemaker 2.1.5's layout: Cluster Summary, Node List, the
 * resources, Migration Summary (with {@code -f}) and Failed Resource Actions. Pure: the caller passes the time.
 */
final class StatusText {
    /** The one line shown when fencing is disabled (stonith-enabled or fencing-enabled false). */
    static final String FENCING_DISABLED = "  * WARNING: fencing is disabled: a lost node's resources are recovered"
            + " elsewhere without fencing it, which is unsafe";

    private final ClusterStatus status;

    StatusText(ClusterStatus status) {
        this.status = status;
    }

    String render(long nowEpochSeconds, boolean showInactive, boolean failCounts) {
        List<String> lines = new ArrayList<>(summary(nowEpochSeconds));
        lines.add("");
        lines.addAll(nodeList());
        lines.add("");
        lines.add(showInactive ? "Full List of Resources:" : "Active Resources:");
        List<String> resources = new ResourceListText(status, showInactive, true).lines();
        if (resources.isEmpty()) {
            resources = List.of(status.resources().isEmpty() ? "  * No resources" : "  * No active resources");
        }
        lines.addAll(resources);
        if (failCounts) {
            lines.add("");
            lines.addAll(migrationSummary());
        }
        List<LrmRscOp> failed = status.failedActions();
        if (!failed.isEmpty()) {
            lines.add("");
            lines.add("Failed Resource Actions:");
            failed.forEach(op -> lines.add("  * " + failedAction(op)));
        }
        return String.join("\n", lines) + "\n";
    }

    private List<String> summary(long now) {
        List<String> lines = new ArrayList<>();
        lines.add("Cluster Summary:");
        lines.add("  * Stack: raftbeat");
        String dc = status.dcUuid();
        lines.add(
                dc.isEmpty()
                        ? "  * Current DC: NONE"
                        : "  * Current DC: " + dc + " (version unknown) - partition "
                                + (status.haveQuorum() ? "with quorum" : "WITHOUT quorum"));
        lines.add("  * Last updated: " + PacemakerText.ctime(now));
        lines.add("  * Last change:  " + status.lastWritten());
        int nodes = status.nodes().size();
        lines.add("  * " + nodes + (nodes == 1 ? " node" : " nodes") + " configured");
        List<ConfiguredResource> primitives = status.primitives();
        long disabled = primitives.stream().filter(ConfiguredResource::disabled).count();
        lines.add("  * " + primitives.size() + (primitives.size() == 1 ? " resource instance" : " resource instances")
                + " configured" + (disabled > 0 ? " (" + disabled + " DISABLED)" : ""));
        if (!status.fencingEnabled()) {
            lines.add(FENCING_DISABLED); // ours: issue 5 asks crm_mon to say so; Pacemaker's crm_mon does not
        }
        return lines;
    }

    /**
     * Nodes worth a line of their own first (unclean, pending, standby, maintenance), then the Online and OFFLINE
     * lists.
     */
    List<String> nodeList() {
        List<String> lines = new ArrayList<>(List.of("Node List:"));
        List<String> online = new ArrayList<>();
        List<String> offline = new ArrayList<>();
        List<NodeStatus> nodes = new ArrayList<>(status.nodes());
        nodes.sort((a, b) -> PacemakerText.NODE_ORDER.compare(a.name(), b.name()));
        for (NodeStatus node : nodes) {
            String alone = individualState(node);
            if (alone != null) {
                lines.add("  * Node " + node.name() + ": " + alone);
            } else if (node.online()) {
                online.add(node.name());
            } else {
                offline.add(node.name());
            }
        }
        if (!online.isEmpty()) {
            lines.add("  * Online: [ " + String.join(" ", online) + " ]");
        }
        if (!offline.isEmpty()) {
            lines.add("  * OFFLINE: [ " + String.join(" ", offline) + " ]");
        }
        return lines;
    }

    private String individualState(NodeStatus node) {
        if (node.unclean()) {
            return node.online() ? "UNCLEAN (online)" : node.pending() ? "UNCLEAN (pending)" : "UNCLEAN (offline)";
        }
        if (node.pending()) {
            return "pending";
        }
        if (node.standby()) {
            if (!node.online()) {
                return "OFFLINE (standby)";
            }
            boolean running = status.historiesOn(node.name()).stream().anyMatch(ResourceHistory::active);
            return running ? "standby (with active resources)" : "standby";
        }
        if (node.maintenance()) {
            return node.online() ? "maintenance" : "OFFLINE (maintenance)";
        }
        return null;
    }

    /** Per online node, each resource with history there that has failed: threshold, count, last failure. */
    private List<String> migrationSummary() {
        List<String> lines = new ArrayList<>(List.of("Migration Summary:"));
        List<NodeStatus> nodes = new ArrayList<>(status.nodes());
        nodes.sort((a, b) -> PacemakerText.NODE_ORDER.compare(a.name(), b.name()));
        for (NodeStatus node : nodes) {
            if (!node.online()) {
                continue;
            }
            boolean header = false;
            for (ResourceHistory h : status.historiesOn(node.name())) {
                FailCount fc = status.failCount(node.name(), h.resource()).orElse(null);
                if (fc == null || (fc.count() <= 0 && fc.lastFailure() <= 0)) {
                    continue;
                }
                if (!header) {
                    lines.add("  * Node: " + node.name() + ":");
                    header = true;
                }
                int threshold = status.resource(h.resource())
                        .map(ConfiguredResource::migrationThreshold)
                        .orElse(io.raftbeat.status.Scores.INFINITY);
                lines.add("    * " + h.resource() + ": migration-threshold=" + threshold
                        + (fc.count() > 0 ? " fail-count=" + fc.count() : "")
                        + (fc.lastFailure() > 0
                                ? " last-failure='" + PacemakerText.ctime(fc.lastFailure()) + "'"
                                : ""));
            }
        }
        return lines;
    }

    /** {@code d3 10s-interval monitor on node1 returned 'not running' (it died) at … after 10ms}. */
    static String failedAction(LrmRscOp op) {
        StringBuilder s = new StringBuilder(op.resource()).append(' ');
        if (op.intervalMs() > 0) {
            s.append(PacemakerText.interval(op.intervalMs())).append("-interval ");
        }
        s.append(op.isProbe() ? "probe" : op.operation()).append(" on ").append(op.node());
        if (op.opStatus() == 0) {
            s.append(" returned '").append(PacemakerText.ocfName(op.rc())).append('\'');
        } else {
            s.append(" could not be executed (")
                    .append(PacemakerText.execStatusName(op.opStatus()))
                    .append(')');
        }
        if (!op.exitReason().isEmpty()) {
            s.append(" (").append(op.exitReason()).append(')');
        }
        if (op.lastRcChange() > 0) {
            s.append(" at ").append(PacemakerText.ctime(op.lastRcChange()));
        }
        s.append(" after ").append(PacemakerText.interval(op.execTimeMs()));
        return s.toString();
    }
}
