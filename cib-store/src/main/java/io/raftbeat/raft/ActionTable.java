package io.raftbeat.raft;

import io.raftbeat.proto.v1.Action;
import io.raftbeat.proto.v1.ActionRef;
import io.raftbeat.storage.ActionChanges;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The actions keyspace in memory: every action by node, then id, as the last applied entry left it. Changed by the
 * apply thread after the entry is persisted; read by readers holding the state machine's cibLock (see {@link
 * CibStateMachine#read}), so it needs no lock of its own.
 */
public final class ActionTable {
    private final Map<String, Map<String, Action>> byNode = new TreeMap<>();

    ActionTable(Collection<Action> actions) {
        actions.forEach(this::put);
    }

    /** The action, or null. */
    public Action get(String node, String id) {
        Map<String, Action> m = byNode.get(node);
        return m == null ? null : m.get(id);
    }

    /** The node's actions ordered by id, or every node's (ordered by node) when {@code node} is empty. */
    public List<Action> list(String node) {
        List<Action> out = new ArrayList<>();
        if (node.isEmpty()) {
            byNode.values().forEach(m -> out.addAll(m.values()));
        } else {
            out.addAll(byNode.getOrDefault(node, Map.of()).values());
        }
        return out;
    }

    void apply(ActionChanges changes) {
        for (ActionRef ref : changes.deletes()) {
            Map<String, Action> m = byNode.get(ref.getNode());
            if (m != null) {
                m.remove(ref.getId());
                if (m.isEmpty()) {
                    byNode.remove(ref.getNode());
                }
            }
        }
        changes.puts().forEach(this::put);
    }

    void replaceAll(Collection<Action> actions) {
        byNode.clear();
        actions.forEach(this::put);
    }

    private void put(Action a) {
        byNode.computeIfAbsent(a.getNode(), n -> new TreeMap<>()).put(a.getId(), a);
    }
}
