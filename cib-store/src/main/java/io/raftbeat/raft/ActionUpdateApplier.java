package io.raftbeat.raft;

import io.raftbeat.cib.CibException;
import io.raftbeat.proto.v1.Action;
import io.raftbeat.proto.v1.ActionRef;
import io.raftbeat.proto.v1.Command;
import io.raftbeat.proto.v1.Event;
import io.raftbeat.proto.v1.UpdateActionsRequest;
import io.raftbeat.storage.ActionChanges;
import io.raftbeat.storage.CommittedCommand;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Applies UpdateActionsRequest: puts (a replaced action loses its result) and deletes in the actions keyspace, as
 * one "actions-update" event. Deterministic; called by the apply thread under cibLock.
 */
final class ActionUpdateApplier {
    private ActionUpdateApplier() {}

    static CommittedCommand apply(long index, Command cmd, ActionTable table, Event.Builder event) throws CibException {
        UpdateActionsRequest r = cmd.getUpdateActions();
        AgentRequests.requireValid(r);
        List<ActionRef> deletes = new ArrayList<>();
        for (ActionRef ref : r.getDeleteList()) {
            if (table.get(ref.getNode(), ref.getId()) != null && !deletes.contains(ref)) {
                deletes.add(ref);
            }
        }
        List<Action> puts = new ArrayList<>();
        for (Action a : r.getPutList()) {
            puts.add(a.toBuilder().clearResult().build());
        }
        ActionChanges changes = new ActionChanges(puts, deletes);
        Set<String> nodes = new LinkedHashSet<>();
        puts.forEach(a -> nodes.add(a.getNode()));
        deletes.forEach(d -> nodes.add(d.getNode()));
        event.setKind("actions-update")
                .setNode(nodes.size() == 1 ? nodes.iterator().next() : "")
                .setSummary(summary(puts.size(), deletes.size(), nodes))
                .addAllChanges(ActionEvents.changes(changes));
        return new CommittedCommand(index, cmd.getTimeUnixMs(), null, event.build(), null, "", changes);
    }

    private static String summary(int put, int deleted, Set<String> nodes) {
        String where = nodes.isEmpty() ? "" : " on " + String.join(", ", nodes);
        return put + (put == 1 ? " action" : " actions") + " put, " + deleted + " deleted" + where;
    }
}
