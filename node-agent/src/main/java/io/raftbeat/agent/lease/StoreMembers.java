package io.raftbeat.agent.lease;

import io.grpc.Channel;
import io.grpc.ClientInterceptor;
import io.grpc.Deadline;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The agent's channels to the store members, and which member to ask first: the one that answered last, which is
 * the leader once a call that only the leader serves (Join, Heartbeat) has been redirected to it. A call makes one
 * pass over the members, following a leader address named in a refusal; the caller decides when to try again.
 * Thread-safe: the lease, the reporter and the action watch share it.
 */
public final class StoreMembers implements AutoCloseable {
    /** One RPC on one member's channel, bounded by the deadline. */
    public interface Rpc<T> {
        T call(Channel channel, Deadline deadline);
    }

    private static final int MAX_MESSAGE_BYTES = 64 * 1024 * 1024;
    private static final int MAX_REDIRECTS = 3;

    private final List<String> servers;
    private final List<ClientInterceptor> interceptors;
    private final Map<String, ManagedChannel> channels = new ConcurrentHashMap<>();
    private volatile String preferred;
    private volatile boolean closed;

    public StoreMembers(List<String> servers) {
        this(servers, List.of());
    }

    /** Members reached through {@code interceptors} on every channel (tests cut the network there). */
    public StoreMembers(List<String> servers, List<ClientInterceptor> interceptors) {
        this.servers = List.copyOf(servers);
        this.interceptors = List.copyOf(interceptors);
        this.preferred = this.servers.get(0);
    }

    public List<String> servers() {
        return servers;
    }

    /** The member to ask first: the last one that answered. */
    public String preferred() {
        return preferred;
    }

    /**
     * Runs {@code rpc} on the preferred member, then on the leader a member names, then on the others, each with
     * {@code perAttempt}; returns the first answer.
     */
    public <T> T call(Rpc<T> rpc, Duration perAttempt) throws StoreUnavailableException {
        List<String> order = new ArrayList<>();
        order.add(preferred);
        order.addAll(servers);
        Set<String> tried = new HashSet<>();
        Set<String> answered = new HashSet<>();
        CallFailure last = null;
        int redirects = 0;
        for (int i = 0; i < order.size(); i++) {
            String member = order.get(i);
            if (closed) {
                throw new StoreUnavailableException("agent stopping", last);
            }
            // A member named as leader is asked even if it refused earlier in this pass: it may have just won.
            boolean redirected = last != null && member.equals(last.leaderAddress()) && redirects++ < MAX_REDIRECTS;
            if (!tried.add(member) && !redirected) {
                continue;
            }
            try {
                T answer = rpc.call(channel(member), Deadline.after(perAttempt.toMillis(), TimeUnit.MILLISECONDS));
                preferred = member;
                return answer;
            } catch (StatusRuntimeException e) {
                last = CallFailure.of(e);
                if (last.fromMember()) {
                    answered.add(member);
                }
                switch (last.kind()) {
                    case REDIRECT -> order.add(i + 1, last.leaderAddress());
                    case REFUSED -> throw new StoreUnavailableException(member + " refused: " + last, last);
                    case RETRY -> {}
                }
            }
        }
        throw new StoreUnavailableException(
                "no store member answered (tried " + tried + "): " + last, last, answered.size());
    }

    /** The channel to {@code member}, opened on first use. */
    public Channel channel(String member) {
        return channels.computeIfAbsent(member, this::open);
    }

    private ManagedChannel open(String address) {
        int colon = address.lastIndexOf(':');
        String host = address.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        return Grpc.newChannelBuilderForAddress(
                        host, Integer.parseInt(address.substring(colon + 1)), InsecureChannelCredentials.create())
                .maxInboundMessageSize(MAX_MESSAGE_BYTES)
                .intercept(interceptors)
                .build();
    }

    @Override
    public void close() {
        closed = true;
        channels.values().forEach(ManagedChannel::shutdownNow);
        channels.clear();
    }
}
