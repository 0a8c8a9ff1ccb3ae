package io.raftbeat.raft;

import io.raftbeat.proto.v1.FenceOperation;
import io.raftbeat.proto.v1.FenceState;
import io.raftbeat.storage.FenceChanges;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The fencing history in memory: every operation by target, oldest first, as the last applied entry left it.
 * Changed by the apply thread after the entry is persisted; read by readers holding the state machine's cibLock
 * (see {@link CibStateMachine#read}), so it needs no lock of its own.
 */
public final class FenceTable {
    /** Finished operations kept per target; pending ones are always kept. */
    static final int KEPT_PER_TARGET = 20;

    private static final Comparator<FenceOperation> OLDEST_FIRST =
            Comparator.comparingLong(FenceOperation::getRequestedMs).thenComparing(FenceOperation::getId);

    private final Map<String, Map<String, FenceOperation>> byTarget = new TreeMap<>();

    FenceTable(Collection<FenceOperation> operations) {
        operations.forEach(this::put);
    }

    /** The operation, or null. */
    public FenceOperation get(String target, String id) {
        Map<String, FenceOperation> m = byTarget.get(target);
        return m == null ? null : m.get(id);
    }

    /** The target's operations oldest first, or every target's (by target) when {@code target} is empty. */
    public List<FenceOperation> list(String target) {
        List<FenceOperation> out = new ArrayList<>();
        if (target.isEmpty()) {
            byTarget.values().forEach(m -> out.addAll(sorted(m)));
        } else {
            out.addAll(sorted(byTarget.getOrDefault(target, Map.of())));
        }
        return out;
    }

    /** The target's pending operation, if any (there is at most one). */
    public Optional<FenceOperation> pending(String target) {
        return list(target).stream()
                .filter(op -> op.getState() == FenceState.FENCE_PENDING)
                .findFirst();
    }

    /** The finished operations that putting {@code op} pushes out of the target's history, oldest first. */
    List<FenceOperation> prunedBy(FenceOperation op) {
        Map<String, FenceOperation> after = new TreeMap<>(byTarget.getOrDefault(op.getTarget(), Map.of()));
        after.put(op.getId(), op);
        List<FenceOperation> finished = sorted(after).stream()
                .filter(o -> o.getState() != FenceState.FENCE_PENDING)
                .toList();
        return finished.subList(0, Math.max(0, finished.size() - KEPT_PER_TARGET));
    }

    void apply(FenceChanges changes) {
        for (FenceOperation op : changes.deletes()) {
            Map<String, FenceOperation> m = byTarget.get(op.getTarget());
            if (m != null) {
                m.remove(op.getId());
                if (m.isEmpty()) {
                    byTarget.remove(op.getTarget());
                }
            }
        }
        changes.puts().forEach(this::put);
    }

    void replaceAll(Collection<FenceOperation> operations) {
        byTarget.clear();
        operations.forEach(this::put);
    }

    private void put(FenceOperation op) {
        byTarget.computeIfAbsent(op.getTarget(), t -> new TreeMap<>()).put(op.getId(), op);
    }

    private static List<FenceOperation> sorted(Map<String, FenceOperation> m) {
        return m.values().stream().sorted(OLDEST_FIRST).toList();
    }
}
