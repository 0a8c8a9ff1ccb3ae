package io.raftbeat.cli;

import io.raftbeat.proto.v1.ClusterServiceGrpc;
import io.raftbeat.proto.v1.MembersRequest;
import io.raftbeat.proto.v1.MembersResponse;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code raftbeat members}: every store member with its addresses, role, reachability and applied revision. */
@Command(name = "members", description = "List the store members.")
final class MembersCommand implements Callable<Integer> {
    @Mixin
    ConnectionOptions connection;

    private final CliContext ctx;

    MembersCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() throws CliFailure {
        try (ClusterConnection cluster = connection.connect(ctx)) {
            MembersResponse response = cluster.call((channel, deadline) -> ClusterServiceGrpc.newBlockingStub(channel)
                    .withDeadline(deadline)
                    .members(MembersRequest.getDefaultInstance()));
            MemberLines.print(response.getMembersList(), ctx.out());
        }
        return 0;
    }
}
