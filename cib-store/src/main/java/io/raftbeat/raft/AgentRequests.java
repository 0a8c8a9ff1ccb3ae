package io.raftbeat.raft;

import io.raftbeat.cib.CibException;
import io.raftbeat.cib.StatusOperations;
import io.raftbeat.proto.v1.Action;
import io.raftbeat.proto.v1.ActionRef;
import io.raftbeat.proto.v1.OpResult;
import io.raftbeat.proto.v1.UpdateActionsRequest;
import java.util.List;

/**
 * The input checks of the agent commands, run by the gRPC service before proposing (nothing malformed reaches the
 * log) and again when applying (the log is the authority). Each throws a {@link CibException} with exit 64
 * (CRM_EX_USAGE) naming what is wrong. Pure and thread-safe.
 */
public final class AgentRequests {
    private AgentRequests() {}

    public static void requireNode(String node) throws CibException {
        StatusOperations.requireName("node name", node);
    }

    public static void requireValid(String node, List<OpResult> results) throws CibException {
        requireNode(node);
        for (OpResult r : results) {
            StatusOperations.requireValid(r);
            if (!r.getActionId().isEmpty()) {
                StatusOperations.requireActionId(r.getActionId());
            }
        }
    }

    /** Refuses the whole request when one action or reference is malformed. */
    public static void requireValid(UpdateActionsRequest r) throws CibException {
        for (Action a : r.getPutList()) {
            requireNode(a.getNode());
            StatusOperations.requireActionId(a.getId());
            StatusOperations.requireName("resource id", a.getResource().getId());
            StatusOperations.requireName("operation", a.getOperation());
        }
        for (ActionRef ref : r.getDeleteList()) {
            requireNode(ref.getNode());
            StatusOperations.requireActionId(ref.getId());
        }
    }
}
