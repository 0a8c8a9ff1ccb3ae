package io.raftbeat.cli;

import io.raftbeat.scheduler.Action;
import io.raftbeat.scheduler.Transition;
import java.util.ArrayList;
import java.util.List;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * crm_simulate's "Executing Cluster Transition:": runs a transition's actions as Pacemaker's graph runner does when
 * every action completes at once (repeated passes over the actions in order, each firing what its prerequisites
 * allow), writes each result into the CIB's status as Pacemaker's simulation does, and fails the actions named by
 * {@code -F}, after which the transition is aborted and nothing more starts. Mutates the document; one thread.
 */
final class SimulatedExecution {
    private final Document cib;
    private final SimulatedStatus status;
    private final List<SimulationInjections.OpSpec> failures;
    private final List<String> lines = new ArrayList<>();
    private boolean aborted;

    SimulatedExecution(Document cib, long nowSeconds, List<SimulationInjections.OpSpec> failures) {
        this.cib = cib;
        this.status = new SimulatedStatus(cib, nowSeconds);
        this.failures = List.copyOf(failures);
    }

    /** The action indices in the order Pacemaker's graph runner would fire them (all, when none fails). */
    static List<Integer> order(Transition transition) {
        List<Integer> fired = new ArrayList<>();
        boolean[] done = new boolean[transition.actions().size()];
        boolean progress = true;
        while (progress) {
            progress = false;
            for (int i = 0; i < done.length; i++) {
                if (!done[i] && transition.prerequisites().get(i).stream().allMatch(p -> done[p])) {
                    done[i] = true;
                    fired.add(i);
                    progress = true;
                }
            }
        }
        return fired;
    }

    /** Executes the transition and returns the section's lines. */
    List<String> run(Transition transition) {
        for (int i : order(transition)) {
            execute(i, transition.actions().get(i));
            if (aborted) {
                break;
            }
        }
        return lines;
    }

    private void execute(int index, Action a) {
        if (a.isFencing()) {
            lines.add("  * Fencing " + a.node() + " (" + a.operation() + ")");
            if (!a.operation().equals("on")) { // unfencing leaves the node up
                status.nodeUp(a.node(), false);
            }
            return;
        }
        String op = a.intervalMs() > 0 ? a.operation() + "=" + a.intervalMs() : a.operation();
        lines.add(String.format("  * Resource action: %-15s %s on %s", a.resource(), op, a.node()));
        Element primitive = SimulationInjections.primitive(cib, a.resource());
        if (primitive == null) {
            return; // an orphan: its history is all there is, and a stop leaves it as it was
        }
        boolean probe = a.operation().equals("monitor") && a.intervalMs() == 0;
        int target = probe ? 7 : 0;
        Element state = status.nodeState(a.node());
        for (SimulationInjections.OpSpec f : failures) {
            if (f.key().equals(a.key()) && f.node().equals(a.node())) {
                lines.add("Pretending action " + index + " failed with rc=" + f.rc());
                status.failCount(state, a.resource(), a.operation(), a.intervalMs(), f.rc())
                        .forEach(l -> lines.add("  * " + l));
                status.result(
                        state, primitive, a.operation(), a.intervalMs(), f.rc(), target, "User-injected result", true);
                aborted = true;
                return;
            }
        }
        status.result(state, primitive, a.operation(), a.intervalMs(), target, target, "", true);
    }
}
