package io.raftbeat.storage;

import io.raftbeat.proto.v1.FenceOperation;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The changes one applied entry makes to the fencing history, persisted in the entry's WriteBatch.
 *
 * @param puts operations created or replaced (keyed by target and id), as stored; applied after the deletes
 * @param deletes operations removed (pruned from the history), each as stored before
 */
public record FenceChanges(List<FenceOperation> puts, List<FenceOperation> deletes) {
    public FenceChanges {
        puts = List.copyOf(puts);
        deletes = List.copyOf(deletes);
    }

    public static FenceChanges none() {
        return new FenceChanges(List.of(), List.of());
    }

    /** The key an operation is stored under: target, a zero byte, id. */
    public static byte[] key(FenceOperation op) {
        return (op.getTarget() + "\0" + op.getId()).getBytes(StandardCharsets.UTF_8);
    }
}
