package io.raftbeat.status;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The CIB unpacked into what the cluster is doing: node health, the configured resources, each resource's history
 * on each node whose history counts (online nodes, and unclean ones whose resources may still run), fail counts and
 * the failed operations. Immutable; built by {@link StatusUnpacker}; safe to share between threads.
 */
public record ClusterStatus(
        boolean fencingEnabled,
        boolean haveQuorum,
        String dcUuid,
        String lastWritten,
        List<NodeStatus> nodes,
        List<ConfiguredResource> resources,
        List<ResourceHistory> histories,
        List<FailCount> failCounts) {
    public ClusterStatus {
        nodes = List.copyOf(nodes);
        resources = List.copyOf(resources);
        histories = List.copyOf(histories);
        failCounts = List.copyOf(failCounts);
    }

    public Optional<NodeStatus> node(String name) {
        return nodes.stream().filter(n -> n.name().equals(name)).findFirst();
    }

    /** The configured resource (primitive, group or clone) with this id, at any depth. */
    public Optional<ConfiguredResource> resource(String id) {
        return find(resources, id);
    }

    private static Optional<ConfiguredResource> find(List<ConfiguredResource> list, String id) {
        for (ConfiguredResource r : list) {
            if (r.id().equals(id)) {
                return Optional.of(r);
            }
            Optional<ConfiguredResource> below = find(r.children(), id);
            if (below.isPresent()) {
                return below;
            }
        }
        return Optional.empty();
    }

    /** Every configured primitive, in configuration order. */
    public List<ConfiguredResource> primitives() {
        return resources.stream().flatMap(r -> r.primitives().stream()).toList();
    }

    /** The nodes a primitive is active on (or, for a group, where any of its members is), in node order. */
    public List<String> activeNodes(String resourceId) {
        List<String> primitiveIds = resource(resourceId)
                .map(r -> r.primitives().stream().map(ConfiguredResource::id).toList())
                .orElse(List.of(resourceId));
        List<String> found = new ArrayList<>();
        for (ResourceHistory h : histories) {
            if (h.active() && primitiveIds.contains(h.resource()) && !found.contains(h.node())) {
                found.add(h.node());
            }
        }
        return found;
    }

    /** Failed on some node and not recovered since. */
    public boolean failed(String primitiveId) {
        return histories.stream().anyMatch(h -> h.failed() && h.resource().equals(primitiveId));
    }

    /** A probe found its agent missing on some node. */
    public boolean notInstalled(String primitiveId) {
        return histories.stream().anyMatch(h -> h.notInstalled() && h.resource().equals(primitiveId));
    }

    /** Every failed operation still recorded, node by node in status order: crm_mon's "Failed Resource Actions". */
    public List<LrmRscOp> failedActions() {
        return histories.stream().flatMap(h -> h.failures().stream()).toList();
    }

    public List<ResourceHistory> historiesOn(String node) {
        return histories.stream().filter(h -> h.node().equals(node)).toList();
    }

    public Optional<FailCount> failCount(String node, String resourceId) {
        return failCounts.stream()
                .filter(f -> f.node().equals(node) && f.resource().equals(resourceId))
                .findFirst();
    }
}
