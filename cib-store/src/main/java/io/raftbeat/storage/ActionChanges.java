package io.raftbeat.storage;

import io.raftbeat.proto.v1.Action;
import io.raftbeat.proto.v1.ActionRef;
import java.util.List;

/**
 * The changes one applied entry makes to the actions keyspace, persisted in the entry's WriteBatch.
 *
 * @param puts actions created or replaced (keyed by node and id), as stored; applied after the deletes
 * @param deletes actions removed
 */
public record ActionChanges(List<Action> puts, List<ActionRef> deletes) {
    public ActionChanges {
        puts = List.copyOf(puts);
        deletes = List.copyOf(deletes);
    }

    public boolean isEmpty() {
        return puts.isEmpty() && deletes.isEmpty();
    }

    /** The key an action is stored under: node, a zero byte, id (neither may contain a zero byte). */
    public static byte[] key(String node, String id) {
        return (node + "\0" + id).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
}
