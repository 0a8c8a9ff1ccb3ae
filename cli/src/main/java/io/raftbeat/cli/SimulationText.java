package io.raftbeat.cli;

import io.raftbeat.scheduler.Action;
import io.raftbeat.scheduler.Transition;
import io.raftbeat.status.ClusterStatus;
import io.raftbeat.status.NodeStatus;
import io.raftbeat.status.ResourceHistory;
import java.util.ArrayList;
import java.util.List;

/**
 * crm_simulate's status and action sections: the node and resource lists indented as Pacemaker 2.1.5 prints them
 * under "Current cluster status:", the "Executing Cluster Transition:" lines, and the status a transition would
 * leave (each start and stop applied, fenced nodes down). Pure.
 */
final class SimulationText {
    private SimulationText() {}

    static List<String> status(ClusterStatus status) {
        List<String> lines = new ArrayList<>();
        new StatusText(status)
                .nodeList()
                .forEach(l -> lines.add("  * " + l.stripLeading().replaceFirst("^\\* ", "")));
        lines.set(0, "  * Node List:");
        for (int i = 1; i < lines.size(); i++) {
            lines.set(i, "  " + lines.get(i));
        }
        lines.add("");
        lines.add("  * Full List of Resources:");
        List<String> resources = new ResourceListText(status, true, true).lines();
        if (resources.isEmpty()) {
            resources = List.of("  * No resources");
        }
        resources.forEach(l -> lines.add("  " + l));
        return lines;
    }

    /** {@code * Resource action: rsc1            start on node1}, {@code * Fencing node1 (reboot)}. */
    static List<String> actions(Transition transition) {
        List<String> lines = new ArrayList<>();
        for (Action a : transition.actions()) {
            if (a.isFencing()) {
                lines.add("  * Fencing " + a.node() + " (" + a.operation() + ")");
            } else {
                String op = a.intervalMs() > 0 ? a.operation() + "=" + a.intervalMs() : a.operation();
                lines.add(String.format("  * Resource action: %-15s %s on %s", a.resource(), op, a.node()));
            }
        }
        return lines;
    }

    /** The status after every action succeeded: started resources active and healthy, stopped ones and fenced nodes gone. */
    static ClusterStatus revised(ClusterStatus before, Transition transition) {
        List<NodeStatus> nodes = new ArrayList<>(before.nodes());
        List<ResourceHistory> histories = new ArrayList<>(before.histories());
        for (Action a : transition.actions()) {
            if (a.isFencing()) {
                nodes.replaceAll(n -> n.name().equals(a.node())
                        ? new NodeStatus(n.name(), false, false, false, n.standby(), n.maintenance(), false, false)
                        : n);
                histories.removeIf(h -> h.node().equals(a.node()));
            } else if (a.operation().equals("start") || a.operation().equals("stop")) {
                histories.removeIf(
                        h -> h.node().equals(a.node()) && h.resource().equals(a.resource()));
                histories.add(new ResourceHistory(
                        a.resource(), a.node(), a.operation().equals("start"), false, false, false, List.of()));
            }
        }
        return new ClusterStatus(
                before.fencingEnabled(),
                before.haveQuorum(),
                before.dcUuid(),
                before.lastWritten(),
                nodes,
                before.resources(),
                histories,
                before.failCounts());
    }
}
