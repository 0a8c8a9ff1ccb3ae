package io.raftbeat.raft;

import io.raftbeat.cib.Cib;
import io.raftbeat.cib.CibDelta;
import io.raftbeat.cib.CibError;
import io.raftbeat.cib.CibException;
import io.raftbeat.cib.CibOptions;
import io.raftbeat.cib.StatusOperations;
import io.raftbeat.proto.v1.Action;
import io.raftbeat.proto.v1.ActionRef;
import io.raftbeat.proto.v1.Change;
import io.raftbeat.proto.v1.ChangeType;
import io.raftbeat.proto.v1.Command;
import io.raftbeat.proto.v1.Event;
import io.raftbeat.proto.v1.FenceOperation;
import io.raftbeat.proto.v1.FenceState;
import io.raftbeat.proto.v1.FenceStep;
import io.raftbeat.storage.ActionChanges;
import io.raftbeat.storage.CommittedCommand;
import io.raftbeat.storage.FenceChanges;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Applies FenceStep, the fencer's one write: the operation as it now is (created or replaced), the fence actions it
 * puts or drops, and the history pruned to {@link FenceTable#KEPT_PER_TARGET} finished operations per target. An
 * operation that becomes DONE with action reboot or off also records its target fenced: offline, expected down, lrm
 * history and transient attributes erased, every action of the target's node dropped (a rebooted machine runs nothing),
 * and the revision stored as the operation's {@code completed_revision}; one that becomes DONE with action on
 * (unfencing) sets the target's {@code #node-unfenced} transient attribute, so it is not unfenced again. One event,
 * kind {@code fence-request}, {@code fence-attempt}, {@code fenced} or {@code fence-failed}. Deterministic; called by
 * the apply thread under cibLock.
 */
final class FenceStepApplier {
    static final String SECTION = "fencing";

    private FenceStepApplier() {}

    static CommittedCommand apply(
            long index,
            Command cmd,
            Cib cib,
            ActionTable actions,
            FenceTable fencing,
            CibOptions options,
            long revision,
            Event.Builder event)
            throws CibException {
        FenceStep step = cmd.getFenceStep();
        FenceOperation op = step.getOperation();
        AgentRequests.requireNode(op.getTarget());
        StatusOperations.requireActionId(op.getId());
        AgentRequests.requireValid(step.getActions());
        FenceOperation before = fencing.get(op.getTarget(), op.getId());
        if (before == null && op.getState() == FenceState.FENCE_PENDING) {
            if (fencing.pending(op.getTarget()).isPresent()) {
                throw new CibException(CibError.EXISTS, op.getTarget() + " already has a fencing operation pending");
            }
        }
        boolean fenced =
                op.getState() == FenceState.FENCE_DONE && !op.getAction().equals("on");
        if (op.getState() != FenceState.FENCE_PENDING) {
            op = op.toBuilder().setCompletedRevision(revision).build();
        }
        boolean unfenced =
                op.getState() == FenceState.FENCE_DONE && op.getAction().equals("on");
        CibDelta delta = fenced
                ? StatusOperations.nodeFenced(cib, op.getTarget(), options)
                : unfenced
                        ? StatusOperations.nodeUnfenced(cib, op.getTarget(), op.getCompletedMs() / 1000, options)
                        : null;
        ActionChanges actionChanges = actionChanges(step, actions, fenced ? op.getTarget() : "");
        FenceChanges changes = new FenceChanges(List.of(op), fencing.prunedBy(op));
        event.setKind(kind(before, op))
                .setNode(op.getTarget())
                .setSummary(FenceSummaries.of(before, op))
                .addAllChanges(delta == null ? List.of() : delta.changes())
                .addAllChanges(ActionEvents.changes(actionChanges))
                .addAllChanges(changes(changes))
                .setVersion(cib.version());
        return new CommittedCommand(index, cmd.getTimeUnixMs(), delta, event.build(), null, "", actionChanges, changes);
    }

    /** The step's own action changes, plus, for a fenced target, the drop of every action its node still has. */
    private static ActionChanges actionChanges(FenceStep step, ActionTable actions, String fencedNode) {
        List<Action> puts = new ArrayList<>();
        for (Action a : step.getActions().getPutList()) {
            puts.add(a.toBuilder().clearResult().build());
        }
        Set<ActionRef> deletes = new LinkedHashSet<>();
        for (ActionRef ref : step.getActions().getDeleteList()) {
            if (actions.get(ref.getNode(), ref.getId()) != null) {
                deletes.add(ref);
            }
        }
        if (!fencedNode.isEmpty()) {
            for (Action a : actions.list(fencedNode)) {
                deletes.add(ActionRef.newBuilder()
                        .setNode(a.getNode())
                        .setId(a.getId())
                        .build());
            }
            puts.removeIf(a -> a.getNode().equals(fencedNode));
        }
        return new ActionChanges(puts, List.copyOf(deletes));
    }

    private static String kind(FenceOperation before, FenceOperation op) {
        return switch (op.getState()) {
            case FENCE_DONE -> "fenced";
            case FENCE_FAILED -> "fence-failed";
            default -> before == null ? "fence-request" : "fence-attempt";
        };
    }

    private static List<Change> changes(FenceChanges changes) {
        List<Change> out = new ArrayList<>();
        for (FenceOperation op : changes.deletes()) {
            out.add(base(ChangeType.CHANGE_DELETE, op).build());
        }
        for (FenceOperation op : changes.puts()) {
            out.add(base(ChangeType.CHANGE_PUT, op).setFence(op).build());
        }
        return out;
    }

    private static Change.Builder base(ChangeType type, FenceOperation op) {
        return Change.newBuilder()
                .setType(type)
                .setSection(SECTION)
                .setId(op.getId())
                .setNode(op.getTarget())
                .setPath("/" + SECTION + "/" + op.getTarget() + "/" + op.getId());
    }
}
