package io.raftbeat.storage;

import io.raftbeat.cib.ElementKey;
import io.raftbeat.proto.v1.Action;
import io.raftbeat.proto.v1.FenceOperation;
import io.raftbeat.proto.v1.Member;
import java.util.List;
import java.util.Map;

/**
 * What a member's state DB held when it was opened or restored.
 *
 * @param skeleton the CIB skeleton, or null for a member that never applied a CIB change
 * @param parts the top-level CIB elements in key order
 * @param appliedIndex the last Raft index applied (0 when none)
 * @param revision the last revision (0 when none)
 * @param firstRetained the oldest revision still in the event log (revision + 1 when the log is empty)
 * @param members the replicated member table (empty until a member change was committed)
 * @param actions every stored action, ordered by node and id
 * @param fencing the fencing history, ordered by target and id
 */
public record StoredState(
        byte[] skeleton,
        Map<ElementKey, byte[]> parts,
        long appliedIndex,
        long revision,
        long firstRetained,
        List<Member> members,
        List<Action> actions,
        List<FenceOperation> fencing) {}
