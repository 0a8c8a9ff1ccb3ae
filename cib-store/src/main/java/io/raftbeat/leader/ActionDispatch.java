package io.raftbeat.leader;

import io.raftbeat.proto.v1.Action;
import io.raftbeat.proto.v1.ActionRef;
import io.raftbeat.proto.v1.ResourceSpec;
import io.raftbeat.proto.v1.UpdateActionsRequest;
import io.raftbeat.scheduler.Transition;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One step of carrying out a transition, as a change to the actions keyspace. Issued: each action the transition
 * says may run now (it waits for nothing else in it) on an online node, unless an earlier action of its resource has
 * not reported yet: then the resource waits, as Pacemaker lets actions in flight finish before it acts on a new
 * transition, so nothing about one resource ever runs twice or out of order. Dropped: actions of nodes that are no
 * longer online (their agent must not run them when it comes back) and finished actions the agents no longer need
 * ({@link ActionRetention}); only the scheduler's own, whose transition ids start at {@link #FIRST_TRANSITION}:
 * actions put by hand (tests, tools) are left to whoever put them. Fencing is left to the fencer. Pure.
 */
final class ActionDispatch {
    static final int PROBE_TARGET_RC = 7;
    /** The scheduler's transition ids are term × this + a count within the term. */
    static final long TRANSITIONS_PER_TERM = 1_000_000_000L;

    static final long FIRST_TRANSITION = TRANSITIONS_PER_TERM;

    private ActionDispatch() {}

    static UpdateActionsRequest next(
            Transition transition,
            List<Action> existing,
            Collection<String> online,
            long transitionId,
            long revision,
            ActionSpecs specs) {
        UpdateActionsRequest.Builder step = UpdateActionsRequest.newBuilder();
        Set<String> busy = new HashSet<>();
        for (Action a : existing) {
            if (a.hasResult()) {
                continue;
            }
            if (online.contains(a.getNode())) {
                busy.add(a.getResource().getId());
            } else if (scheduled(a)) {
                step.addDelete(ref(a));
            }
        }
        step.addAllDelete(ActionRetention.finished(
                existing.stream().filter(ActionDispatch::scheduled).toList()));
        List<io.raftbeat.scheduler.Action> actions = transition.actions();
        for (int i = 0; i < actions.size(); i++) {
            io.raftbeat.scheduler.Action a = actions.get(i);
            if (!transition.isReady(i) || a.isFencing() || busy.contains(a.resource()) || !online.contains(a.node())) {
                continue;
            }
            ResourceSpec spec = specs.resource(a.resource(), a.operation(), a.intervalMs());
            if (spec == null) {
                continue;
            }
            boolean probe = a.operation().equals("monitor") && a.intervalMs() == 0;
            step.addPut(Action.newBuilder()
                    .setId(transitionId + ":" + i)
                    .setNode(a.node())
                    .setTransitionId(transitionId)
                    .setInputRevision(revision)
                    .setResource(spec)
                    .setOperation(a.operation())
                    .setIntervalMs(a.intervalMs())
                    .setTimeoutMs(specs.timeoutMs(a.resource(), a.operation(), a.intervalMs()))
                    .setTargetRc(probe ? PROBE_TARGET_RC : 0));
        }
        return step.build();
    }

    private static boolean scheduled(Action a) {
        return a.getTransitionId() >= FIRST_TRANSITION;
    }

    static ActionRef ref(Action a) {
        return ActionRef.newBuilder().setNode(a.getNode()).setId(a.getId()).build();
    }
}
