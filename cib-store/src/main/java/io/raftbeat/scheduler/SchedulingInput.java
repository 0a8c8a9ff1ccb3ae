package io.raftbeat.scheduler;

import io.raftbeat.status.ClusterStatus;
import io.raftbeat.status.ConfiguredResource;
import io.raftbeat.status.FailCount;
import io.raftbeat.status.LrmRscOp;
import io.raftbeat.status.NodeStatus;
import io.raftbeat.status.ResourceHistory;
import io.raftbeat.status.Scores;
import io.raftbeat.status.StatusUnpacker;
import io.raftbeat.status.Xml;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * What the scheduler decides from, computed once per run: the unpacked status, the constraints, cluster options, node
 * attributes, the resources whose definition changed where they run, and each resource's node scores (Pacemaker's
 * location scores, stickiness and fail-count bans). Pure; one use, on the caller's thread.
 */
record SchedulingInput(
        ClusterStatus status,
        Constraints constraints,
        Map<String, String> options,
        Map<String, Map<String, String>> nodeAttributes,
        Operations operations,
        Instant now,
        SchedulingIndex index,
        DefinitionChanges definitionChanges) {

    /** Everything one scheduler run decides from, read from a whole CIB at the given time. */
    static SchedulingInput of(Document cib, Instant now) {
        Element root = cib.getDocumentElement();
        ClusterStatus status = StatusUnpacker.unpack(cib);
        Element config = Xml.child(root, "configuration");
        Map<String, String> options = Xml.nvpairs(Xml.child(config, "crm_config"), "cluster_property_set");
        Operations operations = Operations.of(Xml.child(config, "resources"));
        Constraints constraints = Constraints.of(cib);
        return new SchedulingInput(
                status,
                constraints,
                options,
                NodeAttributes.of(root, status),
                operations,
                now,
                new SchedulingIndex(status, constraints),
                DefinitionChanges.of(cib, status));
    }

    /** Pacemaker's score addition: -INFINITY wins over INFINITY, sums saturate at both ends. */
    static int add(int a, int b) {
        if (a <= -Scores.INFINITY || b <= -Scores.INFINITY) {
            return -Scores.INFINITY;
        }
        if (a >= Scores.INFINITY || b >= Scores.INFINITY) {
            return Scores.INFINITY;
        }
        return Scores.add(a, b);
    }

    /** The top-level resources scheduled as one: primitives and groups (clones are not scheduled yet). */
    List<ConfiguredResource> units() {
        return index.units;
    }

    ConfiguredResource unit(String id) {
        return index.unitById.get(id);
    }

    /** The unit a resource id belongs to: a group member's group, else itself. */
    String unitOf(String id) {
        return index.unitOf.getOrDefault(id, id);
    }

    /** A configured resource (primitive, group, clone) by id, or null. */
    ConfiguredResource resource(String id) {
        return index.resourceById.get(id);
    }

    /** The colocations whose dependent or primary is this unit (or one of its members), in configuration order. */
    List<Constraints.Colocation> colocationsOf(String unit) {
        return index.colocationsByUnit.getOrDefault(unit, List.of());
    }

    /** The resource's histories, one per node that has one. */
    List<ResourceHistory> histories(String resource) {
        return index.histories(resource);
    }

    List<String> nodeNames() {
        return index.nodeNames;
    }

    String option(String name, String otherwise) {
        return options.getOrDefault(name, otherwise);
    }

    boolean quorate() {
        return status.haveQuorum() || option("no-quorum-policy", "stop").equals("ignore");
    }

    /**
     * Online, clean, joined, not shutting down, not in standby or maintenance, not to be fenced (quorum decides
     * whether, not where). Pacemaker's pcmk__node_available.
     */
    boolean canHost(String node) {
        NodeStatus n = index.nodes.get(node);
        return n != null
                && n.online()
                && !n.unclean()
                && !n.pending()
                && !n.shuttingDown()
                && !n.standby()
                && !n.maintenance()
                && !fencedForFailures().contains(node);
    }

    boolean managed(ConfiguredResource r) {
        String managed = r.meta().get("is-managed");
        return (managed == null || Xml.isTrue(managed)) && !Xml.isTrue(option("maintenance-mode", "false"));
    }

    List<String> activeNodes(String primitive) {
        List<String> nodes = new ArrayList<>();
        for (ResourceHistory h : index.histories(primitive)) {
            if (h.active()) {
                nodes.add(h.node());
            }
        }
        return nodes;
    }

    /**
     * What a resource's unrecovered failure on a node calls for, from the on-fail of the failed operation: restart,
     * ignore, block, stop, fence or standby; null when it has not failed there or the failure expired.
     */
    String failurePolicy(String primitive, String node) {
        for (ResourceHistory h : index.histories(primitive)) {
            if (!h.node().equals(node) || !h.failed() || h.failures().isEmpty()) {
                continue;
            }
            LrmRscOp last = h.failures().stream()
                    .max(java.util.Comparator.comparingLong(LrmRscOp::callId))
                    .get();
            ConfiguredResource r = resource(primitive);
            if (r != null && expired(r, last.lastRcChange())) {
                return null;
            }
            return hard(last) ? "restart" : operations.onFail(last, status.fencingEnabled());
        }
        return null;
    }

    boolean failedOn(String primitive, String node) {
        String policy = failurePolicy(primitive, node);
        return policy != null && !policy.equals("ignore");
    }

    /** Nodes where a failure's on-fail=fence asks for fencing (with fencing enabled). */
    List<String> fencedForFailures() {
        if (index.fencedForFailures == null) {
            index.fencedForFailures = findFencedForFailures();
        }
        return index.fencedForFailures;
    }

    private List<String> findFencedForFailures() {
        List<String> nodes = new ArrayList<>();
        if (!status.fencingEnabled()) {
            return nodes;
        }
        for (ResourceHistory h : status.histories()) {
            if (h.failed()
                    && !h.failedStop()
                    && "fence".equals(failurePolicy(h.resource(), h.node()))
                    && !nodes.contains(h.node())) {
                nodes.add(h.node());
            }
        }
        return nodes;
    }

    /** A stop failed there: the node must be fenced, or the resource is blocked until cleaned up. */
    boolean failedStopOn(String primitive, String node) {
        return index.histories(primitive).stream().anyMatch(h -> h.node().equals(node) && h.failedStop());
    }

    /**
     * Where a unit runs now, for breaking ties between equal nodes: a primitive's node, a group's first member's
     * (Pacemaker assigns a group through its first member, which prefers only its own node), else null.
     */
    String currentNode(ConfiguredResource unit) {
        List<ConfiguredResource> members = unit.primitives();
        List<String> nodes =
                members.isEmpty() ? List.of() : activeNodes(members.get(0).id());
        return nodes.isEmpty() ? null : nodes.get(0);
    }

    /** A unit's node scores: the group's own and every member's, summed as Pacemaker's group colocation does. */
    Map<String, Integer> scores(ConfiguredResource unit) {
        return addLaterMembers(unit, firstScores(unit));
    }

    /** A primitive's scores, or a group's own with its first member's: what its colocations then apply to. */
    Map<String, Integer> firstScores(ConfiguredResource unit) {
        Map<String, Integer> scores = base(unit.id());
        List<ConfiguredResource> members = unit.primitives();
        ConfiguredResource first =
                unit.kind() == ConfiguredResource.Kind.GROUP && !members.isEmpty() ? members.get(0) : unit;
        if (unit.kind() != ConfiguredResource.Kind.GROUP || !members.isEmpty()) {
            own(first).forEach((node, s) -> scores.merge(node, s, SchedulingInput::add));
        }
        return scores;
    }

    /**
     * A group's later members' scores added to its first's (each member is colocated with the one before it).
     * Pacemaker merges each through the one before it and rolls back a member's that would leave no node, with every
     * member after it (pcmk__add_colocated_node_scores). A primitive's are returned as they are.
     */
    Map<String, Integer> addLaterMembers(ConfiguredResource unit, Map<String, Integer> scores) {
        if (unit.kind() != ConfiguredResource.Kind.GROUP) {
            return scores;
        }
        for (ConfiguredResource member : unit.primitives()
                .subList(
                        Math.min(1, unit.primitives().size()), unit.primitives().size())) {
            Map<String, Integer> merged = new LinkedHashMap<>(scores);
            own(member).forEach((node, s) -> merged.merge(node, s, SchedulingInput::add));
            if (merged.entrySet().stream().noneMatch(e -> e.getValue() >= 0 && canHost(e.getKey()))) {
                break;
            }
            scores.putAll(merged);
        }
        return scores;
    }

    /** A group member that cannot run on its group's node (banned, failed too often, disabled). */
    boolean memberBlocked(ConfiguredResource member, String node) {
        return member.disabled() || own(member).getOrDefault(node, 0) <= -Scores.INFINITY;
    }

    /** Symmetric clusters start every node at 0; asymmetric ones allow only nodes a location names. */
    /** A resource's location scores alone: 0 everywhere in a symmetric cluster, changed by its location constraints. */
    Map<String, Integer> locationScores(String id) {
        return base(id);
    }

    private Map<String, Integer> base(String id) {
        boolean symmetric = Xml.isTrue(option("symmetric-cluster", "true"));
        Map<String, Integer> scores = new LinkedHashMap<>();
        Map<String, Integer> located = locations(id);
        for (String node : nodeNames()) {
            if (located.containsKey(node)) {
                scores.put(node, located.get(node));
            } else if (symmetric) {
                scores.put(node, 0);
            }
            int health = NodeHealthScores.of(options, nodeAttributes.getOrDefault(node, Map.of()));
            if (health != 0 && scores.containsKey(node)) {
                scores.merge(node, health, SchedulingInput::add);
            }
        }
        return scores;
    }

    /** A primitive's own location scores (for a group member), stickiness and migration-threshold bans. */
    private Map<String, Integer> own(ConfiguredResource p) {
        Map<String, Integer> scores = new HashMap<>();
        if (p.kind() == ConfiguredResource.Kind.PRIMITIVE && !p.id().equals(unitOf(p.id()))) {
            scores.putAll(locations(p.id()));
        }
        for (ResourceHistory h : index.histories(p.id())) {
            if (h.failed() && h.failures().stream().anyMatch(SchedulingInput::hard)) {
                scores.put(h.node(), -Scores.INFINITY); // a hard error: the agent cannot work on that node
            }
            if (h.notInstalled() && !expired(p, h.notInstalledSince())) {
                scores.put(h.node(), -Scores.INFINITY); // a probe found the agent missing there
            }
        }
        int stickiness =
                Xml.score(p.meta().getOrDefault("resource-stickiness", option("default-resource-stickiness", "0")));
        List<String> active = activeNodes(p.id());
        if (active.size() == 1 && managed(p) && stickiness > 0 && allowed(p, active.get(0))) {
            scores.merge(active.get(0), stickiness, SchedulingInput::add);
        }
        for (FailCount fc : index.failCounts(p.id())) {
            if (fc.count() > 0 && !expired(p, fc.lastFailure()) && fc.count() >= p.migrationThreshold()) {
                scores.put(fc.node(), -Scores.INFINITY);
            }
        }
        return scores;
    }

    /** Pacemaker's apply_stickiness: an asymmetric cluster keeps a resource only where a location allows it. */
    private boolean allowed(ConfiguredResource p, String node) {
        return Xml.isTrue(option("symmetric-cluster", "true"))
                || locations(unitOf(p.id())).containsKey(node)
                || locations(p.id()).containsKey(node);
    }

    /** Pacemaker's hard errors: not installed, invalid or unsupported, no privileges (exit or execution status). */
    static boolean hard(LrmRscOp op) {
        boolean unsupportedMonitor = op.rc() == 3 && op.intervalMs() > 0; // "not supported", not a hard error
        return op.opStatus() == 5 || op.opStatus() == 7 || (op.rc() >= 2 && op.rc() <= 5 && !unsupportedMonitor);
    }

    /** failure-timeout passed since the failure (seconds since the epoch); never when it is unset. */
    boolean expired(ConfiguredResource p, long lastFailure) {
        String timeout = p.meta().get("failure-timeout");
        long seconds = timeout == null ? 0 : Durations.seconds(timeout);
        return seconds > 0 && lastFailure > 0 && lastFailure + seconds <= now.getEpochSecond();
    }

    /** Location constraints on this id, summed per node; a rule's node set is every node whose attributes match. */
    private Map<String, Integer> locations(String id) {
        Map<String, Integer> scores = new LinkedHashMap<>();
        for (Constraints.Location l : index.locationsByResource.getOrDefault(id, List.of())) {
            if (!l.node().isEmpty()) {
                scores.merge(l.node(), l.score(), SchedulingInput::add);
                continue;
            }
            for (Element rule : l.rules()) {
                for (String node : nodeNames()) {
                    Map<String, String> attrs = nodeAttributes.getOrDefault(node, Map.of());
                    if (Rules.matches(rule, attrs, now)) {
                        scores.merge(node, ruleScore(rule, attrs), SchedulingInput::add);
                    }
                }
            }
        }
        return scores;
    }

    private static int ruleScore(Element rule, Map<String, String> attrs) {
        String attribute = rule.getAttribute("score-attribute");
        if (!attribute.isEmpty()) {
            return Xml.score(attrs.get(attribute));
        }
        return Xml.score(rule.getAttribute("score"));
    }
}
