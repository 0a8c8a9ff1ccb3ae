package io.raftbeat.scheduler;

import io.raftbeat.status.ConfiguredResource;
import io.raftbeat.status.Scores;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Pacemaker's assignment of resources to nodes: each top-level resource (a primitive, or a group as one unit) gets
 * the node with the highest score, its colocation primaries first; ties go to the node with fewer resources, then
 * to the node it runs on, then to the lower name. Negative and -INFINITY nodes cannot host it. Pure; one use.
 */
final class Placement {
    private final SchedulingInput in;
    private final Map<String, String> assigned = new HashMap<>();
    private final Set<String> done = new HashSet<>();
    private final Set<String> finished = new HashSet<>();
    private final Map<String, Integer> load = new HashMap<>();
    private final Map<String, Map<String, Integer>> working = new HashMap<>(); // scores of units being assigned
    private final List<AllocationScore> scores = new ArrayList<>();

    Placement(SchedulingInput in) {
        this.in = in;
    }

    /** The scores weighed by {@link #assign()}, in the order the resources were placed. */
    List<AllocationScore> scores() {
        return scores;
    }

    /** Unit id (and each group member's id) to its node; absent when it will not run. */
    Map<String, String> assign() {
        List<ConfiguredResource> order = new ArrayList<>(in.units());
        order.sort((a, b) -> Integer.compare(priority(b), priority(a))); // stable: configuration order breaks ties
        for (ConfiguredResource unit : order) {
            assign(unit);
        }
        return assigned;
    }

    private static int priority(ConfiguredResource r) {
        return io.raftbeat.status.Xml.score(r.meta().getOrDefault("priority", "0"));
    }

    private void assign(ConfiguredResource unit) {
        if (!done.add(unit.id())) {
            return; // already assigned, or a colocation loop reached it again
        }
        // Pacemaker assigns each primary just before applying its colocation, so a dependent's scores (which its
        // own primaries may pull in turn) already hold the colocations applied before it.
        Map<String, Integer> scores = in.firstScores(unit);
        working.put(unit.id(), scores);
        for (Constraints.Colocation c : in.colocationsOf(unit.id())) {
            if (in.unitOf(c.resource()).equals(unit.id()) && c.score() != 0) {
                ConfiguredResource primary = in.unit(in.unitOf(c.withResource()));
                if (primary != null) {
                    assign(primary);
                    applyThisWith(unit, c, scores);
                }
            }
        }
        in.addLaterMembers(unit, scores); // after the group's colocations: they apply to its first member
        for (Constraints.Colocation c : in.colocationsOf(unit.id())) {
            addDependentScores(unit, c, scores);
        }
        String node = choose(unit, scores);
        finished.add(unit.id());
        record(unit, scores, node);
        if (node == null) {
            return;
        }
        if (unit.kind() == ConfiguredResource.Kind.PRIMITIVE && in.memberBlocked(unit, node)) {
            return; // disabled, or banned from its best node
        }
        assigned.put(unit.id(), node);
        for (ConfiguredResource member : unit.primitives()) {
            if (in.memberBlocked(member, node)) {
                break; // this member and every later one in the group stay stopped
            }
            assigned.put(member.id(), node);
            load.merge(node, 1, Integer::sum);
        }
    }

    /** A group's own and its members' scores, then each primitive's: the unit's for the first, the node for the rest. */
    private void record(ConfiguredResource unit, Map<String, Integer> unitScores, String node) {
        if (unit.kind() != ConfiguredResource.Kind.GROUP) {
            record("pcmk__primitive_assign", unit.id(), unitScores);
            return;
        }
        record("pcmk__group_assign", unit.id(), unitScores);
        unit.primitives().forEach(m -> record("pcmk__group_assign", m.id(), in.locationScores(m.id())));
        for (int i = 0; i < unit.primitives().size(); i++) {
            String member = unit.primitives().get(i).id();
            Map<String, Integer> own = i == 0 ? unitScores : new LinkedHashMap<>();
            if (i > 0) {
                Map<String, Integer> located = in.locationScores(member);
                in.nodeNames().forEach(n -> own.put(n, n.equals(node) ? located.getOrDefault(n, 0) : -Scores.INFINITY));
            }
            record("pcmk__primitive_assign", member, own);
        }
    }

    private void record(String step, String resource, Map<String, Integer> byNode) {
        for (String n : in.nodeNames().stream().sorted().toList()) { // Pacemaker lists them by node name
            if (byNode.containsKey(n)) {
                scores.add(new AllocationScore(step, resource, n, byNode.get(n)));
            }
        }
    }

    /** A colocation of this unit with a primary already assigned (or that could not be). */
    private void applyThisWith(ConfiguredResource unit, Constraints.Colocation c, Map<String, Integer> scores) {
        String primary = in.unitOf(c.withResource());
        boolean loop = done.contains(primary) && !finished.contains(primary); // Pacemaker drops such a link
        if (primary.equals(unit.id()) || loop) {
            return;
        }
        String where = assignedNode(in.unit(primary), c.score());
        Map<String, Integer> applied = new LinkedHashMap<>(scores);
        for (String node : scores.keySet()) {
            boolean with = where != null && together(c, node, where);
            int delta;
            if (c.score() >= Scores.INFINITY) {
                delta = with ? 0 : -Scores.INFINITY;
            } else if (c.score() <= -Scores.INFINITY) {
                delta = with ? -Scores.INFINITY : 0;
            } else if (where == null) {
                delta = c.score() > 0 ? -c.score() : 0; // Pacemaker subtracts it from a primary not running
            } else {
                delta = with ? c.score() : 0;
            }
            applied.merge(node, delta, SchedulingInput::add);
        }
        // A finite score that would leave no node is rolled back (pcmk__apply_coloc_to_weights).
        if (Math.abs(c.score()) >= Scores.INFINITY || anyAvailable(applied)) {
            scores.putAll(applied);
        }
    }

    /**
     * Where a colocation's primary was assigned: a group's is its last member's for a mandatory colocation (the
     * dependent waits for the whole group), else its first member's (Pacemaker's colocate_with_group).
     */
    private String assignedNode(ConfiguredResource primary, int score) {
        List<ConfiguredResource> members = primary.primitives();
        if (primary.kind() != ConfiguredResource.Kind.GROUP || members.isEmpty()) {
            return assigned.get(primary.id());
        }
        return assigned.get(
                members.get(score >= Scores.INFINITY ? members.size() - 1 : 0).id());
    }

    /**
     * A dependent not yet assigned pulls (or pushes) this unit, its primary, by its scores scaled by score / INFINITY:
     * each of the primary's nodes takes the dependent's best score among available nodes sharing its value. Rolled
     * back when it would leave no node (Pacemaker's pcmk__add_colocated_node_scores).
     */
    private void addDependentScores(ConfiguredResource unit, Constraints.Colocation c, Map<String, Integer> scores) {
        String dependent = in.unitOf(c.resource());
        ConfiguredResource dep = in.unit(dependent);
        if (!in.unitOf(c.withResource()).equals(unit.id())
                || dependent.equals(unit.id())
                || dep == null
                || finished.contains(dependent)
                || c.score() == 0) {
            return;
        }
        Map<String, Integer> theirs = working.containsKey(dependent) ? working.get(dependent) : in.scores(dep);
        Map<String, Integer> merged = new LinkedHashMap<>(scores);
        double factor = (double) c.score() / Scores.INFINITY;
        for (String node : scores.keySet()) {
            int best = theirs.entrySet().stream()
                    .filter(e -> in.canHost(e.getKey()) && together(c, node, e.getKey()))
                    .mapToInt(Map.Entry::getValue)
                    .max()
                    .orElse(-Scores.INFINITY);
            if (factor < 0 && best < 0) {
                continue; // a negative preference for a node it cannot use is no positive one
            }
            merged.merge(node, scaled(best, factor), SchedulingInput::add);
        }
        if (anyAvailable(merged)) {
            scores.putAll(merged);
        }
    }

    /** Pacemaker's factor * score, rounded half away from zero, and never 0 for a score that is not. */
    private static int scaled(int score, double factor) {
        double product = factor * score;
        int weight = (int) (product < 0 ? product - 0.5 : product + 0.5);
        return weight == 0 && score != 0 ? (factor > 0 ? 1 : -1) : weight;
    }

    /** Some node that can host resources has a non-negative score (Pacemaker's pcmk__any_node_available). */
    private boolean anyAvailable(Map<String, Integer> scores) {
        return scores.entrySet().stream().anyMatch(e -> e.getValue() >= 0 && in.canHost(e.getKey()));
    }

    /** Two nodes count as "together" for the colocation: the same node, or the same value of its node attribute. */
    private boolean together(Constraints.Colocation c, String a, String b) {
        if (c.byNode()) {
            return a.equals(b);
        }
        String value = in.nodeAttributes().getOrDefault(a, Map.of()).get(c.nodeAttribute());
        return value != null
                && value.equals(in.nodeAttributes().getOrDefault(b, Map.of()).get(c.nodeAttribute()));
    }

    private String choose(ConfiguredResource unit, Map<String, Integer> scores) {
        String current = in.currentNode(unit);
        String best = null;
        for (String node : in.nodeNames()) {
            int s = scores.getOrDefault(node, -Scores.INFINITY);
            if (s < 0 || !in.canHost(node)) {
                continue;
            }
            if (best == null || better(node, s, best, scores.get(best), current)) {
                best = node;
            }
        }
        return best;
    }

    /** Pacemaker's compare_nodes: higher score, then fewer resources assigned, then where it runs, then name. */
    private boolean better(String node, int score, String best, int bestScore, String current) {
        if (score != bestScore) {
            return score > bestScore;
        }
        // Among nodes with an equal positive score, Pacemaker keeps a resource where it runs, whatever the load.
        if (score > 0 && (node.equals(current) || best.equals(current))) {
            return node.equals(current);
        }
        int a = load.getOrDefault(node, 0);
        int b = load.getOrDefault(best, 0);
        if (a != b) {
            return a < b;
        }
        if (node.equals(current) || best.equals(current)) {
            return node.equals(current);
        }
        return node.compareTo(best) < 0;
    }
}
