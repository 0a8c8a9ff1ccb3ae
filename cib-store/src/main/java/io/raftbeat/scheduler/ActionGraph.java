package io.raftbeat.scheduler;

import io.raftbeat.status.ConfiguredResource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which actions of a transition must complete before each one may run: the orderings Pacemaker puts into its
 * action graph. Fencing before any start or probe; a resource's probes and stops before its starts; a start before
 * the recurring monitors it brings; and each ordering (configured, and a group's members in sequence) between the
 * actions it names, with its inverse (then stops before first stops) when symmetrical. Pure.
 */
final class ActionGraph {
    private record Edge(String first, String firstAction, String then, String thenAction) {}

    private ActionGraph() {}

    /**
     * For each action (by index), the indices of the actions of this transition it waits for, ascending. Near linear:
     * actions are looked up by resource, orderings by the action they order.
     */
    static List<List<Integer>> of(SchedulingInput in, List<Action> actions) {
        Map<String, List<Edge>> edgesByThen = new HashMap<>();
        for (Edge e : edges(in)) {
            edgesByThen
                    .computeIfAbsent(e.then() + " " + e.thenAction(), k -> new ArrayList<>())
                    .add(e);
        }
        Map<String, List<Integer>> byResource = new HashMap<>();
        List<Integer> fencing = new ArrayList<>();
        for (int i = 0; i < actions.size(); i++) {
            Action a = actions.get(i);
            if (a.isFencing()) {
                fencing.add(i);
            } else {
                byResource.computeIfAbsent(a.resource(), k -> new ArrayList<>()).add(i);
            }
        }
        List<List<Integer>> before = new ArrayList<>(actions.size());
        for (Action then : actions) {
            Set<Integer> waits = new TreeSet<>();
            if (!then.isFencing()) {
                if (then.operation().equals("start") || probe(then)) {
                    waits.addAll(fencing);
                }
                for (int i : byResource.getOrDefault(then.resource(), List.of())) {
                    if (ownOrder(actions.get(i), then)) {
                        waits.add(i);
                    }
                }
                for (Edge e : edgesByThen.getOrDefault(then.resource() + " " + then.operation(), List.of())) {
                    for (int i : byResource.getOrDefault(e.first(), List.of())) {
                        if (actions.get(i).operation().equals(e.firstAction()) && actions.get(i) != then) {
                            waits.add(i);
                        }
                    }
                }
            }
            before.add(List.copyOf(waits));
        }
        return before;
    }

    /** Within one resource: probes and stops before a start, a start before the recurring monitors it brings. */
    private static boolean ownOrder(Action first, Action then) {
        if (first == then) {
            return false;
        }
        if (then.operation().equals("start")) {
            return first.operation().equals("stop") || probe(first);
        }
        return recurring(then)
                && first.operation().equals("start")
                && first.node().equals(then.node());
    }

    /** Orderings between primitives (a group stands for all its members), each symmetrical one with its inverse. */
    private static List<Edge> edges(SchedulingInput in) {
        List<Edge> edges = new ArrayList<>();
        for (ConfiguredResource unit : in.units()) {
            List<ConfiguredResource> members = unit.primitives();
            for (int i = 1; unit.kind() == ConfiguredResource.Kind.GROUP && i < members.size(); i++) {
                add(
                        edges,
                        List.of(members.get(i - 1).id()),
                        "start",
                        List.of(members.get(i).id()),
                        "start",
                        true);
            }
        }
        for (Constraints.Order o : in.constraints().orders()) {
            add(edges, members(in, o.first()), o.firstAction(), members(in, o.then()), o.thenAction(), o.symmetrical());
        }
        return edges;
    }

    private static void add(
            List<Edge> edges,
            List<String> first,
            String firstAction,
            List<String> then,
            String thenAction,
            boolean symmetrical) {
        for (String f : first) {
            for (String t : then) {
                edges.add(new Edge(f, firstAction, t, thenAction));
                if (symmetrical) {
                    edges.add(new Edge(t, inverse(thenAction), f, inverse(firstAction)));
                }
            }
        }
    }

    private static List<String> members(SchedulingInput in, String id) {
        return in.status()
                .resource(id)
                .map(r -> r.primitives().stream().map(ConfiguredResource::id).toList())
                .orElse(List.of(id));
    }

    private static String inverse(String action) {
        return switch (action) {
            case "start" -> "stop";
            case "stop" -> "start";
            case "promote" -> "demote";
            case "demote" -> "promote";
            default -> action;
        };
    }

    private static boolean probe(Action a) {
        return a.operation().equals("monitor") && a.intervalMs() == 0;
    }

    private static boolean recurring(Action a) {
        return a.operation().equals("monitor") && a.intervalMs() > 0;
    }
}
