package io.raftbeat.scheduler;

import io.raftbeat.status.NodeStatus;
import io.raftbeat.status.ResourceHistory;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Turns settled {@link Plan}s into a {@link Transition}: fencing first, probes of resources never seen on an online
 * node, stops (in reverse), starts, then the recurring monitors of each started resource from its op definitions;
 * and the summary line of each change, as Pacemaker's LogActions words it. One use, on the caller's thread.
 */
final class TransitionBuilder {
    private final SchedulingInput in;
    private final List<String> fenced;
    private final SummaryLines summary = new SummaryLines();
    private final List<Action> probes = new ArrayList<>();
    private final List<Action> stops = new ArrayList<>();
    private final List<Action> starts = new ArrayList<>();

    TransitionBuilder(SchedulingInput in, List<String> fenced) {
        this.in = in;
        this.fenced = fenced;
    }

    Transition build(Collection<Plan> plans) {
        List<Action> actions = new ArrayList<>();
        for (String node : fenced) {
            String reason = fenceReason(node);
            summary.fence(actions.size(), node, "reboot", reason);
            actions.add(new Action("", node, "reboot", 0, reason));
        }
        for (Plan p : plans) {
            probe(p);
            if (p.managed) {
                plan(p);
            }
        }
        for (Action unfence : Unfencing.of(in, fenced, probes, starts)) {
            summary.fence(actions.size(), unfence.node(), unfence.operation(), unfence.reason());
            actions.add(unfence);
        }
        actions.addAll(probes);
        java.util.Collections.reverse(stops);
        actions.addAll(stops);
        actions.addAll(starts);
        return new Transition(actions, ActionGraph.of(in, actions), summary.lines(), FailureExpiries.next(in));
    }

    /** Pacemaker's words: why the node was lost, or which resource's failure (on-fail=fence) fences it. */
    private String fenceReason(String node) {
        NodeStatus n = in.status().node(node).orElseThrow();
        if (n.unclean()) {
            return n.uncleanReason();
        }
        return in.status().historiesOn(node).stream()
                .filter(h -> h.failed() && "fence".equals(in.failurePolicy(h.resource(), node)))
                .map(h -> h.resource() + " failed there")
                .findFirst()
                .orElse("node is unclean");
    }

    private void plan(Plan p) {
        String target = p.runnable ? p.next : null;
        String id = p.id();
        if (p.current.isEmpty()) {
            if (p.next != null) {
                summary.resource("Start", id, p.next, p.runnable ? null : p.reason, !p.runnable);
            }
            if (target != null) {
                start(p, target);
            }
            return;
        }
        List<String> survivors =
                p.current.stream().filter(n -> !fenced.contains(n)).toList();
        if (p.current.size() > 1
                && survivors.size() == 1
                && survivors.get(0).equals(target)
                && !p.failed
                && !p.restart) {
            return; // the other copies go down with their fenced nodes; the one left is where it should be
        }
        for (String c : p.current) {
            if ((!c.equals(target) || !p.stays()) && !p.stopBlocked) {
                stop(id, c); // a blocked stop is reported, not run
            }
        }
        if (p.current.size() > 1) {
            // multiple-active=stop_start: stopped everywhere, started again on one node
            if (target != null) {
                boolean there = p.current.contains(target);
                summary.resource(
                        there ? (p.failed ? "Recover" : "Restart") : (p.failed ? "Recover" : "Move"),
                        id,
                        there ? target : p.current.get(0) + " -> " + target,
                        null,
                        false);
                start(p, target);
            } else {
                p.current.forEach(c -> summary.resource(
                        "Stop", id, c, p.reason != null ? p.reason : "node availability", p.stopBlocked));
            }
            return;
        }
        String c = p.current.get(0);
        if (target == null) {
            summary.resource("Stop", id, c, p.reason != null ? p.reason : "node availability", p.stopBlocked);
        } else if (target.equals(c)) {
            if (p.failed) {
                summary.resource("Recover", id, c, null, false);
            } else if (p.restart) {
                summary.resource("Restart", id, c, p.reason, false);
            } else {
                if (p.reload) {
                    summary.resource("Reload", id, c, null, false);
                    starts.add(new Action(id, c, "reload-agent", 0, "resource definition change"));
                }
                upkeep(p, c);
                return;
            }
            start(p, target);
        } else {
            summary.resource(p.failed ? "Recover" : "Move", id, c + " -> " + target, null, false);
            start(p, target);
        }
    }

    private void stop(String id, String node) {
        if (!fenced.contains(node)) {
            stops.add(new Action(id, node, "stop", 0, "")); // a fenced node's resources stop with it
        }
    }

    private void start(Plan p, String node) {
        starts.add(new Action(p.id(), node, "start", 0, ""));
        for (long interval : in.operations().monitorIntervals(p.id())) {
            starts.add(new Action(p.id(), node, "monitor", interval, ""));
        }
    }

    /**
     * A resource that stays where it runs keeps its monitors as configured: a configured monitor not on record there
     * (the node's agent restarted, the op was added) starts; one on record but no longer configured is cancelled.
     */
    private void upkeep(Plan p, String node) {
        List<Long> recorded = in.histories(p.id()).stream()
                .filter(h -> h.node().equals(node))
                .findFirst()
                .map(ResourceHistory::recurringMonitors)
                .orElse(List.of());
        List<Long> configured = in.operations().monitorIntervals(p.id());
        for (long interval : configured) {
            if (!recorded.contains(interval)) {
                starts.add(new Action(p.id(), node, "monitor", interval, "monitor not running"));
            }
        }
        for (long interval : recorded) {
            if (!configured.contains(interval)) {
                starts.add(new Action(p.id(), node, "cancel", interval, "monitor no longer configured"));
            }
        }
    }

    /** Pacemaker probes a resource on every online node where it has no history yet. */
    private void probe(Plan p) {
        if (in.resource(p.id()) == null) {
            return; // an orphan is only stopped
        }
        for (NodeStatus n : in.status().nodes()) {
            boolean seen = in.histories(p.id()).stream().anyMatch(h -> h.node().equals(n.name()));
            if (n.online() && !n.maintenance() && !seen) {
                probes.add(new Action(p.id(), n.name(), "monitor", 0, "probe"));
            }
        }
    }
}
