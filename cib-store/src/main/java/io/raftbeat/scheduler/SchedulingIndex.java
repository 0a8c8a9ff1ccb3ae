package io.raftbeat.scheduler;

import io.raftbeat.status.ClusterStatus;
import io.raftbeat.status.ConfiguredResource;
import io.raftbeat.status.FailCount;
import io.raftbeat.status.NodeStatus;
import io.raftbeat.status.ResourceHistory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The lookups a scheduler run makes for every resource and node, built once per run so that scheduling stays near
 * linear in the size of the CIB: units and what each id belongs to, every configured resource by id, histories,
 * fail counts and location constraints by resource, colocations by the units they join, nodes by name. Read-only
 * after construction except for {@link #fencedForFailures}, a memo; used on one thread.
 */
final class SchedulingIndex {
    final List<ConfiguredResource> units = new ArrayList<>();
    final Map<String, ConfiguredResource> unitById = new HashMap<>();
    final Map<String, String> unitOf = new HashMap<>();
    final Map<String, ConfiguredResource> resourceById = new HashMap<>();
    final Map<String, List<ResourceHistory>> historiesByResource = new HashMap<>();
    final Map<String, List<FailCount>> failCountsByResource = new HashMap<>();
    final Map<String, List<Constraints.Location>> locationsByResource = new HashMap<>();
    final Map<String, List<Constraints.Colocation>> colocationsByUnit = new LinkedHashMap<>();
    final Map<String, NodeStatus> nodes = new HashMap<>();
    final List<String> nodeNames = new ArrayList<>();
    /** Computed on first use by {@link SchedulingInput#fencedForFailures}. */
    List<String> fencedForFailures;

    SchedulingIndex(ClusterStatus status, Constraints constraints) {
        for (ConfiguredResource r : status.resources()) {
            byId(r);
            if (r.kind() == ConfiguredResource.Kind.CLONE) {
                continue; // clones are not scheduled yet
            }
            units.add(r);
            unitById.put(r.id(), r);
            unitOf.put(r.id(), r.id());
            r.primitives().forEach(p -> unitOf.putIfAbsent(p.id(), r.id()));
        }
        for (ResourceHistory h : status.histories()) {
            historiesByResource
                    .computeIfAbsent(h.resource(), k -> new ArrayList<>())
                    .add(h);
        }
        for (FailCount fc : status.failCounts()) {
            failCountsByResource
                    .computeIfAbsent(fc.resource(), k -> new ArrayList<>())
                    .add(fc);
        }
        for (Constraints.Location l : constraints.locations()) {
            locationsByResource
                    .computeIfAbsent(l.resource(), k -> new ArrayList<>())
                    .add(l);
        }
        for (Constraints.Colocation c : constraints.colocations()) {
            String dependent = unitOf.getOrDefault(c.resource(), c.resource());
            String primary = unitOf.getOrDefault(c.withResource(), c.withResource());
            colocationsByUnit.computeIfAbsent(dependent, k -> new ArrayList<>()).add(c);
            if (!primary.equals(dependent)) {
                colocationsByUnit
                        .computeIfAbsent(primary, k -> new ArrayList<>())
                        .add(c);
            }
        }
        for (NodeStatus n : status.nodes()) {
            nodes.put(n.name(), n);
            nodeNames.add(n.name());
        }
    }

    private void byId(ConfiguredResource r) {
        resourceById.putIfAbsent(r.id(), r);
        r.children().forEach(this::byId);
    }

    List<ResourceHistory> histories(String resource) {
        return historiesByResource.getOrDefault(resource, List.of());
    }

    List<FailCount> failCounts(String resource) {
        return failCountsByResource.getOrDefault(resource, List.of());
    }
}
