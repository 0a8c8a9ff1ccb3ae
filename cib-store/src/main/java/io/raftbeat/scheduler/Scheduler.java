package io.raftbeat.scheduler;

import io.raftbeat.status.ConfiguredResource;
import io.raftbeat.status.NodeStatus;
import io.raftbeat.status.ResourceHistory;
import io.raftbeat.status.Xml;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.w3c.dom.Document;

/**
 * Pacemaker's scheduler as a pure function: from a whole CIB (configuration and status) and the time, the
 * transition that brings the cluster to where the configuration wants it. No I/O, no clock of its own,
 * deterministic; any thread may call it (the leader's scheduling thread, crm_simulate).
 */
public final class Scheduler {
    private Scheduler() {}

    public static Transition schedule(Document cib, Instant now) {
        SchedulingInput in = SchedulingInput.of(cib, now);
        List<String> fenced = fenced(in);
        Map<String, Plan> plans = plans(in, new Placement(in).assign(), fenced);
        Orderings.apply(in, plans);
        return new TransitionBuilder(in, fenced).build(plans.values());
    }

    /**
     * The node scores the placement of {@link #schedule} weighs for the same CIB and time, in placement order (what
     * Pacemaker's {@code crm_simulate -s} prints). Pure, as {@code schedule} is.
     */
    public static List<AllocationScore> scores(Document cib, Instant now) {
        Placement placement = new Placement(SchedulingInput.of(cib, now));
        placement.assign();
        return List.copyOf(placement.scores());
    }

    /** Unclean nodes are fenced when fencing is enabled and this partition has quorum (or ignores its loss). */
    private static List<String> fenced(SchedulingInput in) {
        List<String> nodes = new ArrayList<>();
        if (!in.status().fencingEnabled() || !in.quorate()) {
            return nodes;
        }
        for (NodeStatus n : in.status().nodes()) {
            if (n.unclean() || in.fencedForFailures().contains(n.name())) {
                nodes.add(n.name());
            }
        }
        return nodes;
    }

    private static Map<String, Plan> plans(SchedulingInput in, Map<String, String> assigned, List<String> fenced) {
        String noQuorum = in.quorate() ? "" : in.option("no-quorum-policy", "stop");
        Map<String, Plan> plans = new LinkedHashMap<>();
        for (ConfiguredResource unit : in.units()) {
            boolean managedUnit = in.managed(unit);
            String pinned = null; // where an unmanaged member of a group stays: every later member must follow it
            for (ConfiguredResource p : unit.primitives()) {
                List<String> current = in.activeNodes(p.id());
                boolean onMaintenanceNode = current.stream()
                        .anyMatch(n ->
                                in.status().node(n).map(NodeStatus::maintenance).orElse(false));
                boolean unfencedUnclean = current.stream()
                        .anyMatch(n -> !fenced.contains(n)
                                && in.status().node(n).map(NodeStatus::unclean).orElse(false));
                boolean stopFailed = current.stream()
                        .anyMatch(n -> !offline(in, n) && !fenced.contains(n) && in.failedStopOn(p.id(), n));
                boolean blocked = current.stream()
                        .anyMatch(n ->
                                !offline(in, n) && !fenced.contains(n) && "block".equals(in.failurePolicy(p.id(), n)));
                boolean managed = managedUnit && in.managed(p) && !onMaintenanceNode && !stopFailed && !blocked;
                String next = assigned.get(p.id());
                if (!managed) {
                    next = current.size() == 1 ? current.get(0) : null;
                } else if (pinned != null && next != null && !next.equals(pinned)) {
                    next = in.canHost(pinned) && !in.memberBlocked(p, pinned) ? pinned : null;
                }
                if (!managed && current.size() == 1 && pinned == null) {
                    pinned = current.get(0); // Pacemaker assigns an unmanaged primitive to where it runs
                }
                if (current.stream().anyMatch(n -> "stop".equals(in.failurePolicy(p.id(), n)))) {
                    next = null; // on-fail=stop: stopped until cleaned up
                }
                if ("stop_only".equals(p.meta().get("multiple-active")) && current.size() > 1) {
                    next = null;
                }
                // Once its node is to be fenced, Pacemaker ignores a resource's failure there (a move, not a
                // recovery), except the failed stop it fences the node for: the first one in an online node's status.
                boolean failed = current.stream()
                        .anyMatch(n -> in.failedOn(p.id(), n)
                                && (!fenced.contains(n) || p.id().equals(firstFailedStop(in, n)))
                                && !(offline(in, n) && in.failedStopOn(p.id(), n)));
                Plan plan = new Plan(p, current, next, managed, failed);
                definitionChange(in, plan);
                // Without quorum, starts need the policy's leave: "stop" runs none, "freeze" none of a stopped
                // resource.
                boolean needsQuorum = !"nothing".equals(p.meta().get("requires"));
                if (needsQuorum && (noQuorum.equals("stop") || noQuorum.equals("freeze") && current.isEmpty())) {
                    plan.runnable = false;
                    plan.reason = noQuorum.equals("stop") ? "no quorum" : "quorum freeze";
                }
                plan.stopBlocked =
                        unfencedUnclean; // it cannot stop before its node is fenced, and that will not happen
                plans.put(p.id(), plan);
            }
        }
        orphans(in, plans);
        return plans;
    }

    /** A definition changed where it runs: a required restart (Pacemaker's force_restart), or a reload. */
    private static void definitionChange(SchedulingInput in, Plan plan) {
        if (plan.current.size() != 1) {
            return;
        }
        DefinitionChanges.Change change = in.definitionChanges().on(plan.id(), plan.current.get(0));
        if (change == DefinitionChanges.Change.RESTART || change == DefinitionChanges.Change.NEW_AGENT) {
            plan.restart = true;
            plan.reason = change == DefinitionChanges.Change.RESTART ? "resource definition change" : null;
        } else if (change == DefinitionChanges.Change.RELOAD && !plan.failed) {
            plan.reload = true;
        }
    }

    /** Resources still active but no longer configured: stopped (Pacemaker's stop-orphan-resources, default on). */
    private static void orphans(SchedulingInput in, Map<String, Plan> plans) {
        if (!Xml.isTrue(in.option("stop-orphan-resources", "true"))) {
            return;
        }
        for (ResourceHistory h : in.status().histories()) {
            if (h.active() && !plans.containsKey(h.resource()) && in.resource(h.resource()) == null) {
                ConfiguredResource orphan = new ConfiguredResource(
                        h.resource(), ConfiguredResource.Kind.PRIMITIVE, "", "", "", Map.of(), List.of());
                plans.put(h.resource(), new Plan(orphan, in.activeNodes(h.resource()), null, true, false));
            }
        }
    }

    /** The resource whose failed stop made an online node unclean: the first in its status. */
    private static String firstFailedStop(SchedulingInput in, String node) {
        if (offline(in, node)) {
            return null;
        }
        return in.status().historiesOn(node).stream()
                .filter(ResourceHistory::failedStop)
                .map(ResourceHistory::resource)
                .findFirst()
                .orElse(null);
    }

    private static boolean offline(SchedulingInput in, String node) {
        return !in.status().node(node).map(NodeStatus::online).orElse(false);
    }
}
