package io.raftbeat.raft;

import io.raftbeat.cib.Cib;
import io.raftbeat.cib.CibDelta;
import io.raftbeat.cib.CibException;
import io.raftbeat.cib.CibOptions;
import io.raftbeat.cib.StatusOperations;
import io.raftbeat.proto.v1.Command;
import io.raftbeat.proto.v1.Event;
import io.raftbeat.storage.CommittedCommand;

/**
 * Applies NodeJoin, NodeLost and NodeLeave: the node's entries in the CIB and a "node-join", "node-lost" or
 * "node-leave" event. Deterministic; called by the apply thread under cibLock.
 */
final class NodeChangeApplier {
    private NodeChangeApplier() {}

    static CommittedCommand apply(long index, Command cmd, Cib cib, CibOptions options, Event.Builder event)
            throws CibException {
        String node;
        CibDelta delta;
        switch (cmd.getBodyCase()) {
            case NODE_JOIN -> {
                node = cmd.getNodeJoin().getNode();
                delta = StatusOperations.nodeJoin(cib, node, options);
                event.setKind("node-join").setSummary(node + " joined");
            }
            case NODE_LOST -> {
                node = cmd.getNodeLost().getNode();
                delta = StatusOperations.nodeLost(cib, node, options);
                String reason = cmd.getNodeLost().getReason();
                event.setKind("node-lost")
                        .setSummary(node + " lost (offline, unclean)" + (reason.isEmpty() ? "" : ": " + reason));
            }
            case NODE_LEAVE -> {
                node = cmd.getNodeLeave().getNode();
                delta = StatusOperations.nodeLeave(cib, node, options);
                event.setKind("node-leave").setSummary(node + " left cleanly");
            }
            default -> throw new IllegalArgumentException("not a node change: " + cmd.getBodyCase());
        }
        event.setNode(node).addAllChanges(delta.changes()).setVersion(cib.version());
        return new CommittedCommand(index, cmd.getTimeUnixMs(), delta, event.build(), null);
    }
}
