package io.raftbeat.server;

import com.alipay.sofa.jraft.core.NodeImpl;
import com.alipay.sofa.jraft.entity.PeerId;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.AbstractStub;
import io.grpc.stub.MetadataUtils;
import io.raftbeat.proto.v1.Member;
import io.raftbeat.raft.RaftCibStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Knows every member's addresses (configured peers, then the replicated member table) and where the leader is;
 * keeps one gRPC channel per other member for forwarding. Thread-safe.
 */
final class LeaderLocator implements AutoCloseable {
    private final StoreOptions options;
    private final RaftCibStore raft;
    private final Map<String, ManagedChannel> channels = new ConcurrentHashMap<>();

    LeaderLocator(StoreOptions options, RaftCibStore raft) {
        this.options = options;
        this.raft = raft;
    }

    /**
     * Every known member by id: the replicated table (members added at run time), with this member's configured
     * peers taking precedence, since the configuration is the operator's latest word on their addresses.
     */
    Map<String, Member> knownMembers() {
        Map<String, Member> all = new LinkedHashMap<>();
        raft.stateMachine().members().forEach(m -> all.put(m.getId(), m));
        options.peers().forEach(p -> all.put(p.id(), p.toMember()));
        return all;
    }

    /** The member whose Raft address is {@code peer}, or a member named after the address when unknown. */
    Member memberAt(PeerId peer) {
        String raftAddress = peer.getEndpoint().toString();
        for (Member m : knownMembers().values()) {
            if (m.getRaftAddress().equals(raftAddress)) {
                return m;
            }
        }
        return Member.newBuilder()
                .setId(raftAddress)
                .setRaftAddress(raftAddress)
                .build();
    }

    /** The leader as this member knows it, or null. */
    Member leader() {
        PeerId id = raft.leaderId();
        return id == null ? null : memberAt(id);
    }

    /** The leader's gRPC address, or "" when unknown. */
    String leaderAddress() {
        Member m = leader();
        return m == null ? "" : m.getGrpcAddress();
    }

    /** The Raft configuration this member knows (Node.listPeers answers only on the leader), as members. */
    List<Member> configuration() {
        List<PeerId> peers = raft.node() instanceof NodeImpl n
                ? n.getCurrentConf().getPeers()
                : raft.node().listPeers();
        List<Member> out = new ArrayList<>();
        for (PeerId p : peers) {
            out.add(memberAt(p));
        }
        return out;
    }

    /** A stub to the member at {@code grpcAddress}, marked as forwarded on behalf of the current client. */
    <S extends AbstractStub<S>> S forwardTo(String grpcAddress, Function<ManagedChannel, S> factory) {
        ManagedChannel ch = channels.computeIfAbsent(grpcAddress, a -> NettyChannelBuilder.forTarget(a)
                .usePlaintext()
                .maxInboundMessageSize(options.maxMessageBytes())
                .build());
        Metadata headers = new Metadata();
        headers.put(CallOrigin.FORWARDED_FOR, CallOrigin.client().isEmpty() ? options.id() : CallOrigin.client());
        return factory.apply(ch)
                .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
                .withDeadlineAfter(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        channels.values().forEach(ManagedChannel::shutdownNow);
    }
}
