package io.raftbeat.raft;

import io.raftbeat.proto.v1.Action;
import io.raftbeat.proto.v1.ActionRef;
import io.raftbeat.proto.v1.Change;
import io.raftbeat.proto.v1.ChangeType;
import io.raftbeat.storage.ActionChanges;
import java.util.ArrayList;
import java.util.List;

/**
 * The watch's view of action changes: one {@link Change} per action in section {@code actions}, path {@code
 * /actions/<node>/<id>}, node set, so that {@code Watch(sections=["actions"], node=N)} streams N's actions. Pure.
 */
final class ActionEvents {
    static final String SECTION = "actions";

    private ActionEvents() {}

    static List<Change> changes(ActionChanges changes) {
        List<Change> out = new ArrayList<>();
        for (ActionRef ref : changes.deletes()) {
            out.add(base(ChangeType.CHANGE_DELETE, ref.getNode(), ref.getId()).build());
        }
        for (Action a : changes.puts()) {
            out.add(base(ChangeType.CHANGE_PUT, a.getNode(), a.getId())
                    .setAction(a)
                    .build());
        }
        return out;
    }

    private static Change.Builder base(ChangeType type, String node, String id) {
        return Change.newBuilder()
                .setType(type)
                .setSection(SECTION)
                .setId(id)
                .setNode(node)
                .setPath("/" + SECTION + "/" + node + "/" + id);
    }
}
