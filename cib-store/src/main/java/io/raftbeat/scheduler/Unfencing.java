package io.raftbeat.scheduler;

import io.raftbeat.status.ConfiguredResource;
import io.raftbeat.status.NodeStatus;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Pacemaker's unfencing: with fencing enabled and a fence device that provides it ({@code provides=unfencing}, as
 * fence_scsi does), a node must be unfenced ({@code Fence (on)}) before any resource is probed or started there,
 * unless its {@code #node-unfenced} attribute says it was. The reason names the first such action, {@code required
 * by RSC OP}; nodes come in reverse configuration order, as Pacemaker lists them. Pure.
 */
final class Unfencing {
    static final String UNFENCED = "#node-unfenced";

    private Unfencing() {}

    static List<Action> of(SchedulingInput in, List<String> fenced, List<Action> probes, List<Action> starts) {
        if (!in.status().fencingEnabled() || !providedBySomeDevice(in)) {
            return List.of();
        }
        List<NodeStatus> nodes = new ArrayList<>(in.status().nodes());
        Collections.reverse(nodes);
        List<Action> out = new ArrayList<>();
        for (NodeStatus n : nodes) {
            if (!n.online()
                    || n.unclean()
                    || fenced.contains(n.name())
                    || in.nodeAttributes().getOrDefault(n.name(), Map.of()).containsKey(UNFENCED)) {
                continue;
            }
            Stream.concat(probes.stream(), starts.stream())
                    .filter(a -> a.node().equals(n.name()))
                    .findFirst()
                    .ifPresent(a -> out.add(
                            new Action("", n.name(), "on", 0, "required by " + a.resource() + " " + a.operation())));
        }
        return out;
    }

    private static boolean providedBySomeDevice(SchedulingInput in) {
        return in.units().stream().flatMap(u -> u.primitives().stream()).anyMatch(Unfencing::providesUnfencing);
    }

    private static boolean providesUnfencing(ConfiguredResource p) {
        return p.resourceClass().equals("stonith")
                && "unfencing".equals(p.meta().get("provides"));
    }
}
