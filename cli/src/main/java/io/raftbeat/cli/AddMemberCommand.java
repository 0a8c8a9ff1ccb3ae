package io.raftbeat.cli;

import io.raftbeat.proto.v1.AddMemberRequest;
import io.raftbeat.proto.v1.ClusterServiceGrpc;
import io.raftbeat.proto.v1.Member;
import io.raftbeat.proto.v1.MembershipResponse;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code raftbeat add-member ID RAFT GRPC}: adds a store member to the Raft group; prints the new membership. */
@Command(name = "add-member", description = "Add a store member (start it first with the new peer list).")
final class AddMemberCommand implements Callable<Integer> {
    @Mixin
    ConnectionOptions connection;

    @Parameters(index = "0", paramLabel = "ID", description = "The new member's name, e.g. store4")
    String memberId;

    @Parameters(index = "1", paramLabel = "RAFT", description = "Its Raft address, host:port")
    String raftAddress;

    @Parameters(index = "2", paramLabel = "GRPC", description = "Its gRPC address, host:port")
    String grpcAddress;

    private final CliContext ctx;

    AddMemberCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() throws CliFailure {
        ServerList.requireAddress("raftbeat add-member: RAFT", raftAddress);
        ServerList.requireAddress("raftbeat add-member: GRPC", grpcAddress);
        Member member = Member.newBuilder()
                .setId(memberId)
                .setRaftAddress(raftAddress)
                .setGrpcAddress(grpcAddress)
                .build();
        AddMemberRequest request =
                AddMemberRequest.newBuilder().setMember(member).build();
        try (ClusterConnection cluster = connection.connect(ctx)) {
            MembershipResponse response =
                    cluster.call((channel, deadline) -> ClusterServiceGrpc.newBlockingStub(channel)
                            .withDeadline(deadline)
                            .addMember(request));
            MemberLines.print(response.getMembersList(), ctx.out());
        }
        return 0;
    }
}
