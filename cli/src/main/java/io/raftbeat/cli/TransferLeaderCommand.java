package io.raftbeat.cli;

import io.raftbeat.proto.v1.ClusterServiceGrpc;
import io.raftbeat.proto.v1.LeaderRequest;
import io.raftbeat.proto.v1.LeaderResponse;
import io.raftbeat.proto.v1.TransferLeadershipRequest;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code raftbeat transfer-leader ID}: asks the leader to hand leadership to member ID, then waits (within the
 * timeout) until the group names ID as its leader, and prints it. Exits 124 when leadership did not move in time.
 */
@Command(name = "transfer-leader", description = "Hand leadership to another member.")
final class TransferLeaderCommand implements Callable<Integer> {
    private static final long POLL_MS = 200;

    @Mixin
    ConnectionOptions connection;

    @Parameters(index = "0", paramLabel = "ID", description = "The member to lead, e.g. store2")
    String memberId;

    private final CliContext ctx;

    TransferLeaderCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() throws CliFailure, InterruptedException {
        TransferLeadershipRequest request =
                TransferLeadershipRequest.newBuilder().setMemberId(memberId).build();
        long deadline = System.currentTimeMillis() + connection.timeoutSeconds * 1000L;
        try (ClusterConnection cluster = connection.connect(ctx)) {
            LeaderResponse leader = cluster.call((channel, callDeadline) -> ClusterServiceGrpc.newBlockingStub(channel)
                    .withDeadline(callDeadline)
                    .transferLeadership(request));
            // The leader answers after a bounded wait of its own: a slow election may still be under way.
            while (!leader.getLeader().getId().equals(memberId)) {
                if (System.currentTimeMillis() > deadline) {
                    throw new CliFailure(
                            CliFailure.TIMEOUT,
                            "raftbeat: leadership did not move to " + memberId + " within "
                                    + connection.timeoutSeconds + "s (leader: "
                                    + MemberLines.leaderLine(leader.getLeader(), leader.getTerm()) + ")");
                }
                Thread.sleep(POLL_MS);
                leader = cluster.call((channel, callDeadline) -> ClusterServiceGrpc.newBlockingStub(channel)
                        .withDeadline(callDeadline)
                        .leader(LeaderRequest.getDefaultInstance()));
            }
            ctx.out().println(MemberLines.leaderLine(leader.getLeader(), leader.getTerm()));
            ctx.out().flush();
        }
        return 0;
    }
}
