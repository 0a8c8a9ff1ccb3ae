package io.raftbeat.agent.reconcile;

import io.raftbeat.proto.v1.Action;
import java.util.HashSet;
import java.util.Set;

/**
 * The actions this agent has taken on in its life, so that each runs at most once however often the list and the
 * watch show it (a re-list after a compaction, a watch resumed on another member, the store echoing the action
 * back with its result). An action is known by its id and transition: the scheduler of a new transition may reuse
 * an index, never a transition id. Pure bookkeeping; thread-safe.
 */
public final class ActionLedger {
    private final Set<String> taken = new HashSet<>();

    /** True the first time {@code action} is offered: the caller must run it. */
    public synchronized boolean claim(Action action) {
        return taken.add(key(action));
    }

    public synchronized boolean seen(Action action) {
        return taken.contains(key(action));
    }

    private static String key(Action action) {
        return action.getId() + "@" + action.getTransitionId();
    }
}
