package io.raftbeat.raft;

import io.raftbeat.proto.v1.CibRequest;
import io.raftbeat.proto.v1.Command;
import io.raftbeat.proto.v1.Member;
import io.raftbeat.proto.v1.RecordEvent;
import io.raftbeat.proto.v1.SetMember;
import java.time.Clock;

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

    private Command.Builder base(String client) {
        return Command.newBuilder().setTimeUnixMs(clock.millis()).setClient(client);
    }
}
