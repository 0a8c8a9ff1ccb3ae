package io.raftbeat.cli;

import io.raftbeat.proto.v1.ClusterServiceGrpc;
import io.raftbeat.proto.v1.MembershipResponse;
import io.raftbeat.proto.v1.RemoveMemberRequest;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code raftbeat remove-member ID}: removes a store member from the Raft group; prints the new membership. */
@Command(name = "remove-member", description = "Remove a store member from the group.")
final class RemoveMemberCommand implements Callable<Integer> {
    @Mixin
    ConnectionOptions connection;

    @Parameters(index = "0", paramLabel = "ID", description = "The member to remove, e.g. store3")
    String memberId;

    private final CliContext ctx;

    RemoveMemberCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() throws CliFailure {
        RemoveMemberRequest request =
                RemoveMemberRequest.newBuilder().setMemberId(memberId).build();
        try (ClusterConnection cluster = connection.connect(ctx)) {
            MembershipResponse response =
                    cluster.call((channel, deadline) -> ClusterServiceGrpc.newBlockingStub(channel)
                            .withDeadline(deadline)
                            .removeMember(request));
            MemberLines.print(response.getMembersList(), ctx.out());
        }
        return 0;
    }
}
