package io.raftbeat.raft;

import io.raftbeat.proto.v1.CibRequest;
import io.raftbeat.proto.v1.Command;
import io.raftbeat.proto.v1.FenceStep;
import io.raftbeat.proto.v1.Member;
import io.raftbeat.proto.v1.NodeJoin;
import io.raftbeat.proto.v1.NodeLeave;
import io.raftbeat.proto.v1.NodeLost;
import io.raftbeat.proto.v1.OpResult;
import io.raftbeat.proto.v1.RecordEvent;
import io.raftbeat.proto.v1.ReportResults;
import io.raftbeat.proto.v1.SetMember;
import io.raftbeat.proto.v1.UpdateActionsRequest;
import java.time.Clock;
import java.util.List;

/**
 * Builds the commands a leader proposes. The proposer stamps the time here, once: applying a command never reads a
 * clock, so every member applies the same entry identically.
 */
public final class Commands {
    private final Clock clock;

    public Commands(Clock clock) {
        this.clock = clock;
    }

    public Command cib(CibRequest request, String client) {
        return base(client).setCib(request).build();
    }

    public Command record(String kind, String node, String summary) {
        return base("").setRecord(
                        RecordEvent.newBuilder().setKind(kind).setNode(node).setSummary(summary))
                .build();
    }

    public Command setMember(Member member, boolean remove, String client) {
        return base(client)
                .setSetMember(SetMember.newBuilder().setMember(member).setRemove(remove))
                .build();
    }

    public Command nodeJoin(String node) {
        return base(node).setNodeJoin(NodeJoin.newBuilder().setNode(node)).build();
    }

    public Command nodeLost(String node, String reason) {
        return base("").setNodeLost(NodeLost.newBuilder().setNode(node).setReason(reason))
                .build();
    }

    public Command nodeLeave(String node) {
        return base(node).setNodeLeave(NodeLeave.newBuilder().setNode(node)).build();
    }

    public Command report(String node, List<OpResult> results) {
        return base(node)
                .setReport(ReportResults.newBuilder().setNode(node).addAllResults(results))
                .build();
    }

    public Command updateActions(UpdateActionsRequest request, String client) {
        return base(client).setUpdateActions(request).build();
    }

    public Command fenceStep(FenceStep step, String client) {
        return base(client).setFenceStep(step).build();
    }

    private Command.Builder base(String client) {
        return Command.newBuilder().setTimeUnixMs(clock.millis()).setClient(client);
    }
}
