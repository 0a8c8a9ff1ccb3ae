package io.raftbeat.scheduler;

import java.util.List;

/**
 * A scheduler run's result: the actions in the order they may run (fencing first, then stops in reverse
 * dependency order, then starts and monitors), and Pacemaker's "Transition Summary" lines for them. Immutable.
 */
public record Transition(List<Action> actions, List<String> summary) {
    public Transition {
        actions = List.copyOf(actions);
        summary = List.copyOf(summary);
    }

    public boolean isEmpty() {
        return actions.isEmpty();
    }
}
