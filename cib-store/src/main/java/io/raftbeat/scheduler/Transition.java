package io.raftbeat.scheduler;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A scheduler run's result: the actions (fencing first, then probes, stops in reverse dependency order, starts and
 * monitors), for each the actions of this transition it must wait for, Pacemaker's "Transition Summary" lines, and
 * when, with nothing else changing, the answer would change by itself ({@code recheckAt}: a failure expiring).
 * Immutable.
 */
public record Transition(
        List<Action> actions, List<List<Integer>> prerequisites, List<String> summary, Optional<Instant> recheckAt) {
    public Transition {
        actions = List.copyOf(actions);
        prerequisites = prerequisites.stream().map(List::copyOf).toList();
        summary = List.copyOf(summary);
        if (prerequisites.size() != actions.size()) {
            throw new IllegalArgumentException("one list of prerequisites per action");
        }
    }

    public boolean isEmpty() {
        return actions.isEmpty();
    }

    /** The actions that wait for nothing else in this transition: what may be run now. */
    public List<Action> ready() {
        List<Action> ready = new ArrayList<>();
        for (int i = 0; i < actions.size(); i++) {
            if (isReady(i)) {
                ready.add(actions.get(i));
            }
        }
        return ready;
    }

    /** Action {@code i} waits for nothing else in this transition. */
    public boolean isReady(int i) {
        return prerequisites.get(i).isEmpty();
    }
}
