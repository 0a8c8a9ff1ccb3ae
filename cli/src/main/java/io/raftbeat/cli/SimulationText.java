package io.raftbeat.cli;

import io.raftbeat.status.ClusterStatus;
import java.util.ArrayList;
import java.util.List;

/**
 * crm_simulate's status and action sections: the node and resource lists indented as Pacemaker 2.1.5 prints them
 * under "Current cluster status:" and "Revised Cluster Status:". Pure.
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
}
