package io.raftbeat.storage;

import io.raftbeat.cib.CibDelta;
import io.raftbeat.proto.v1.Event;
import io.raftbeat.proto.v1.Member;
import java.util.List;

/**
 * Everything one applied Raft entry persists, written by {@link RocksCibStore#commit} in one WriteBatch.
 *
 * @param index the Raft log index of the entry
 * @param timeUnixMs the command's own time (set by the proposer), used for event retention
 * @param delta the CIB change, or null when the command changed no CIB element
 * @param event the event the command produced, with its revision, or null when the command failed
 * @param members the new member table, or null when it did not change
 * @param requestId the client's request id of a successful CIB request, remembered so that a retry is recognised
 *     (empty when none)
 * @param actions the changes to the actions keyspace, or null when none
 * @param fencing the changes to the fencing history, or null when none
 */
public record CommittedCommand(
        long index,
        long timeUnixMs,
        CibDelta delta,
        Event event,
        List<Member> members,
        String requestId,
        ActionChanges actions,
        FenceChanges fencing) {
    public CommittedCommand(
            long index,
            long timeUnixMs,
            CibDelta delta,
            Event event,
            List<Member> members,
            String requestId,
            ActionChanges actions) {
        this(index, timeUnixMs, delta, event, members, requestId, actions, null);
    }

    public CommittedCommand(long index, long timeUnixMs, CibDelta delta, Event event, List<Member> members) {
        this(index, timeUnixMs, delta, event, members, "", null);
    }

    public CommittedCommand(
            long index, long timeUnixMs, CibDelta delta, Event event, List<Member> members, String requestId) {
        this(index, timeUnixMs, delta, event, members, requestId, null, null);
    }

    /** An entry that failed (or could not be decoded): only the applied index moves. */
    public static CommittedCommand failed(long index) {
        return new CommittedCommand(index, 0, null, null, null);
    }
}
