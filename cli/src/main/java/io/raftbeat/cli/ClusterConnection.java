package io.raftbeat.cli;

import io.grpc.Channel;
import io.grpc.Deadline;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The client's view of the cluster: channels to the members named by {@code CIB_SERVER}, and one call at a time made
 * on whichever member answers. A member that is down or silent is skipped for the next; a member that names the
 * leader sends the call there; a member without a leader is asked again (with the others) until the timeout. When
 * no member can be reached at all the call fails at once with exit 102; when time runs out, with exit 124.
 *
 * <p>Used by one thread at a time. Writes carry a request id, so a write retried on another member after a lost
 * answer can be recognised by the store.
 */
final class ClusterConnection implements AutoCloseable {
    /** One RPC on one member's channel, bounded by the given deadline. */
    interface Rpc<T> {
        T call(Channel channel, Deadline deadline);
    }

    private static final long RETRY_PAUSE_MS = 200;
    private static final int MAX_MESSAGE_BYTES = 64 * 1024 * 1024;

    private final List<String> servers;
    private final Duration timeout;
    private final String refusalPrefix;
    private final Map<String, ManagedChannel> channels = new HashMap<>();
    private String lastAnswered;

    /**
     * @param servers member addresses in the order to try them
     * @param timeout how long one {@link #call} may take in all
     * @param refusalPrefix put before a member's refusal, e.g. Pacemaker's {@code "Call failed: "}
     */
    ClusterConnection(List<String> servers, Duration timeout, String refusalPrefix) {
        this.servers = List.copyOf(servers);
        this.timeout = timeout;
        this.refusalPrefix = refusalPrefix;
    }

    List<String> servers() {
        return servers;
    }

    /** The member that answered last, or the first one named. */
    String lastAnswered() {
        return lastAnswered != null ? lastAnswered : servers.get(0);
    }

    <T> T call(Rpc<T> rpc) throws CliFailure {
        Deadline overall = Deadline.after(timeout.toMillis(), TimeUnit.MILLISECONDS);
        long attemptMs = Math.max(2000, timeout.toMillis() / servers.size());
        GrpcFailure lastRefusal = null;
        while (true) {
            boolean anyAnswered = false;
            List<String> order = new ArrayList<>(order());
            Set<String> tried = new LinkedHashSet<>();
            for (int i = 0; i < order.size(); i++) {
                String member = order.get(i);
                if (!tried.add(member)) {
                    continue;
                }
                if (overall.isExpired()) {
                    throw timedOut(lastRefusal);
                }
                Deadline attempt =
                        Deadline.after(attemptMs, TimeUnit.MILLISECONDS).minimum(overall);
                try {
                    T result = rpc.call(channel(member), attempt);
                    lastAnswered = member;
                    return result;
                } catch (StatusRuntimeException e) {
                    GrpcFailure failure = GrpcFailure.of(e);
                    switch (failure.kind()) {
                        case UNREACHABLE -> {}
                        case NO_ANSWER -> anyAnswered = true; // silent, not absent: worth asking again
                        case RETRY -> {
                            anyAnswered = true;
                            lastRefusal = failure;
                        }
                        case REDIRECT -> {
                            anyAnswered = true;
                            lastRefusal = failure;
                            order.add(i + 1, failure.leaderAddress());
                        }
                        case REFUSED -> {
                            lastAnswered = member;
                            throw new CliFailure(failure.exitCode(), refusalPrefix + failure.message());
                        }
                    }
                }
            }
            if (!anyAnswered) {
                throw new CliFailure(
                        CliFailure.DISCONNECT,
                        "Could not connect to the cluster (tried " + String.join(", ", tried) + ")");
            }
            if (overall.timeRemaining(TimeUnit.MILLISECONDS) <= RETRY_PAUSE_MS) {
                throw timedOut(lastRefusal);
            }
            pause();
        }
    }

    private List<String> order() {
        List<String> order = new ArrayList<>();
        if (lastAnswered != null) {
            order.add(lastAnswered);
        }
        order.addAll(servers);
        return order;
    }

    private CliFailure timedOut(GrpcFailure lastRefusal) {
        String why = lastRefusal != null ? ": " + lastRefusal.message() : "";
        return new CliFailure(
                CliFailure.TIMEOUT,
                "Timed out after " + timeout.toSeconds() + "s waiting for the cluster (tried "
                        + String.join(", ", servers) + ")" + why);
    }

    private static void pause() throws CliFailure {
        try {
            Thread.sleep(RETRY_PAUSE_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliFailure(1, "Interrupted");
        }
    }

    ManagedChannel channel(String member) {
        return channels.computeIfAbsent(member, address -> Grpc.newChannelBuilderForAddress(
                        ServerList.host(address), ServerList.port(address), InsecureChannelCredentials.create())
                .maxInboundMessageSize(MAX_MESSAGE_BYTES)
                .build());
    }

    @Override
    public void close() {
        for (ManagedChannel channel : channels.values()) {
            channel.shutdownNow();
        }
        channels.clear();
    }
}
