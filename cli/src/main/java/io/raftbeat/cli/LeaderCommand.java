package io.raftbeat.cli;

import io.raftbeat.proto.v1.ClusterServiceGrpc;
import io.raftbeat.proto.v1.LeaderRequest;
import io.raftbeat.proto.v1.LeaderResponse;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code raftbeat leader}: prints the leader as {@code store2 127.0.0.1:7002 term 3}, its name first so that scripts
 * can take the first word; exits 102 when no leader is elected.
 */
@Command(name = "leader", description = "Print the leader: its name, gRPC address and term.")
final class LeaderCommand implements Callable<Integer> {
    @Mixin
    ConnectionOptions connection;

    private final CliContext ctx;

    LeaderCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() throws CliFailure {
        try (ClusterConnection cluster = connection.connect(ctx)) {
            LeaderResponse response = cluster.call((channel, deadline) -> ClusterServiceGrpc.newBlockingStub(channel)
                    .withDeadline(deadline)
                    .leader(LeaderRequest.getDefaultInstance()));
            if (!response.hasLeader() || response.getLeader().getId().isEmpty()) {
                throw new CliFailure(
                        CliFailure.DISCONNECT, "raftbeat: no leader elected (asked " + cluster.lastAnswered() + ")");
            }
            ctx.out().println(MemberLines.leaderLine(response.getLeader(), response.getTerm()));
            ctx.out().flush();
        }
        return 0;
    }
}
