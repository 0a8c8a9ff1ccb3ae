package io.raftbeat.cli;

import io.raftbeat.proto.v1.ClusterServiceGrpc;
import io.raftbeat.proto.v1.LeaderResponse;
import io.raftbeat.proto.v1.TransferLeadershipRequest;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code raftbeat transfer-leader ID}: asks the leader to hand leadership to member ID; prints the new leader. */
@Command(name = "transfer-leader", description = "Hand leadership to another member.")
final class TransferLeaderCommand implements Callable<Integer> {
    @Mixin
    ConnectionOptions connection;

    @Parameters(index = "0", paramLabel = "ID", description = "The member to lead, e.g. store2")
    String memberId;

    private final CliContext ctx;

    TransferLeaderCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() throws CliFailure {
        TransferLeadershipRequest request =
                TransferLeadershipRequest.newBuilder().setMemberId(memberId).build();
        try (ClusterConnection cluster = connection.connect(ctx)) {
            LeaderResponse response = cluster.call((channel, deadline) -> ClusterServiceGrpc.newBlockingStub(channel)
                    .withDeadline(deadline)
                    .transferLeadership(request));
            ctx.out().println(MemberLines.leaderLine(response.getLeader(), response.getTerm()));
            ctx.out().flush();
        }
        return 0;
    }
}
