package io.raftbeat.scheduler;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The effect of mandatory start-then-start orderings (configured, and a group's members in sequence) on plans, as
 * Pacemaker's action graph has it: a {@code then} whose {@code first} cannot run cannot start (so it stops), and a
 * running {@code then} restarts when its {@code first} starts. Settled to a fixpoint. Pure over the plans it gets.
 */
final class Orderings {
    private record Edge(List<String> first, String then, boolean symmetrical) {}

    /** An order whose {@code first} action, when it happens, requires the {@code then} action (implies_then). */
    private record Implied(List<String> first, String firstAction, List<String> then) {}

    private Orderings() {}

    static void apply(SchedulingInput in, Map<String, Plan> plans) {
        List<Edge> edges = new ArrayList<>();
        for (var unit : in.units()) {
            var members = unit.primitives();
            for (int i = 1;
                    i < members.size() && unit.kind() != io.raftbeat.status.ConfiguredResource.Kind.PRIMITIVE;
                    i++) {
                edges.add(new Edge(
                        List.of(members.get(i - 1).id()), members.get(i).id(), true));
            }
        }
        for (Constraints.Order o : in.constraints().orders()) {
            if (!o.mandatory()
                    || !o.firstAction().equals("start")
                    || !o.thenAction().equals("start")) {
                continue;
            }
            var first = in.unit(in.unitOf(o.first()));
            var then = in.unit(in.unitOf(o.then()));
            if (first == null || then == null) {
                continue;
            }
            List<String> firstIds = o.first().equals(first.id())
                    ? first.primitives().stream().map(p -> p.id()).toList()
                    : List.of(o.first());
            String thenId =
                    o.then().equals(then.id()) ? then.primitives().get(0).id() : o.then();
            edges.add(new Edge(firstIds, thenId, o.symmetrical()));
        }
        for (Constraints.Order o : in.constraints().orders()) {
            if (o.mandatory()
                    && o.firstAction().equals("stop")
                    && o.thenAction().equals("stop")) {
                Plan first = plans.get(o.first());
                Plan then = plans.get(o.then());
                if (first != null && then != null && blocksStop(first, then)) {
                    blockStop(then, "unrunnable " + first.id() + " stop");
                }
            }
        }
        List<Implied> implied = implied(in);
        boolean changed = true;
        for (int round = 0; changed && round < plans.size() + 2; round++) {
            changed = false;
            changed |= applyImplied(implied, plans);
            for (Edge e : edges) {
                Plan then = plans.get(e.then());
                if (then == null) {
                    continue;
                }
                for (String f : e.first()) {
                    Plan first = plans.get(f);
                    if (first == null) {
                        continue;
                    }
                    if (e.symmetrical()
                            && (blocksStop(then, first) || cannotStop(then) && first.stopping())
                            && !first.stopBlocked) {
                        blockStop(first, "unrunnable " + then.id() + " stop"); // then must stop first, and cannot
                        changed = true;
                    }
                    if (!then.managed) {
                        continue;
                    }
                    // An asymmetrical order never stops a then that is running already.
                    boolean keeps = !e.symmetrical() && then.stays();
                    if (!first.runningAfter() && then.runnable && then.next != null && !keeps) {
                        then.runnable = false;
                        then.reason = "unrunnable " + f + " start";
                        changed = true;
                    } else if (first.starting() && then.runnable && then.stays()) {
                        then.restart = true;
                        then.reason = "required " + f + " start";
                        changed = true;
                    }
                }
            }
        }
    }

    /**
     * Start/stop orders other than start-then-start that make the then action required when the first one happens:
     * a mandatory stop-then-stop, and an optional order whose then resource has the deprecated {@code
     * restart-type=restart} (Pacemaker upgrades it to implies_then).
     */
    private static List<Implied> implied(SchedulingInput in) {
        List<Implied> implied = new ArrayList<>();
        for (Constraints.Order o : in.constraints().orders()) {
            var then = in.resource(o.then());
            if (then == null
                    || in.resource(o.first()) == null
                    || !startOrStop(o.firstAction())
                    || !startOrStop(o.thenAction())) {
                continue;
            }
            boolean restartType = "restart".equalsIgnoreCase(then.meta().get("restart-type"));
            boolean stopStop = o.firstAction().equals("stop") && o.thenAction().equals("stop");
            if (o.mandatory() ? stopStop : restartType) {
                implied.add(new Implied(ids(in, o.first()), o.firstAction(), ids(in, o.then())));
            }
        }
        return implied;
    }

    /** A running then that stays restarts when its first action happens. */
    private static boolean applyImplied(List<Implied> implied, Map<String, Plan> plans) {
        boolean changed = false;
        for (Implied i : implied) {
            boolean happens = i.first().stream()
                    .map(plans::get)
                    .anyMatch(f -> f != null && (i.firstAction().equals("stop") ? f.stopping() : f.starting()));
            for (String t : i.then()) {
                Plan then = plans.get(t);
                if (happens && then != null && then.managed && then.runnable && then.stays()) {
                    then.restart = true;
                    then.reason = null; // Pacemaker's summary gives none
                    changed = true;
                }
            }
        }
        return changed;
    }

    private static boolean startOrStop(String action) {
        return action.equals("start") || action.equals("stop");
    }

    private static List<String> ids(SchedulingInput in, String id) {
        return in.resource(id).primitives().stream().map(p -> p.id()).toList();
    }

    /**
     * Its stop cannot run, and neither can its start, which must follow its own stop (Pacemaker's restart ordering:
     * a required but unrunnable stop makes the start unrunnable): it is reported as a blocked stop.
     */
    private static void blockStop(Plan p, String reason) {
        p.stopBlocked = true;
        p.runnable = false;
        p.reason = reason;
    }

    /** A managed resource that must stop (to move or restart) but whose stop is blocked. */
    private static boolean cannotStop(Plan p) {
        return p.managed && p.stopBlocked && p.stopping();
    }

    /** {@code later} must stop after {@code earlier}, which is running and cannot be stopped (unmanaged, blocked). */
    private static boolean blocksStop(Plan earlier, Plan later) {
        return !earlier.managed && !earlier.current.isEmpty() && later.stopping() && !later.stopBlocked;
    }
}
