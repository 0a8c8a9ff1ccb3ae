package io.raftbeat.server;

import io.raftbeat.proto.v1.Member;

/**
 * A configured store member: {@code id=raftHost:raftPort/grpcHost:grpcPort}, e.g.
 * {@code store1=127.0.0.1:7101/127.0.0.1:7001}.
 */
public record Peer(String id, String raftAddress, String grpcAddress) {
    public static Peer parse(String spec) {
        int eq = spec.indexOf('=');
        int slash = spec.indexOf('/', eq + 1);
        if (eq <= 0 || slash < 0) {
            throw new IllegalArgumentException("peer '" + spec
                    + "' is not ID=RAFT_HOST:PORT/GRPC_HOST:PORT (e.g. store1=127.0.0.1:7101/127.0.0.1:7001)");
        }
        Peer p = new Peer(
                spec.substring(0, eq).trim(),
                spec.substring(eq + 1, slash).trim(),
                spec.substring(slash + 1).trim());
        HostPort.parse(p.raftAddress, "raft address of " + p.id);
        HostPort.parse(p.grpcAddress, "gRPC address of " + p.id);
        return p;
    }

    public Member toMember() {
        return Member.newBuilder()
                .setId(id)
                .setRaftAddress(raftAddress)
                .setGrpcAddress(grpcAddress)
                .build();
    }

    @Override
    public String toString() {
        return id + "=" + raftAddress + "/" + grpcAddress;
    }
}
