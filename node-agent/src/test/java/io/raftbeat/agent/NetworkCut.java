package io.raftbeat.agent;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall;
import io.grpc.ForwardingClientCallListener;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A network between an agent and the store that a test can cut: while cut (everything, or one gRPC service), calls
 * in progress are cancelled and new ones fail UNAVAILABLE before they leave the agent, as a partition would make
 * them; {@link #heal} lets calls through again. The store and the agent stay real. Counts the calls let through.
 * Thread-safe.
 */
final class NetworkCut implements ClientInterceptor {
    private static final String EVERYTHING = "";

    /** Calls in flight, with their service name. */
    private final Map<ClientCall<?, ?>, String> open = new ConcurrentHashMap<>();

    private final Map<String, AtomicInteger> passed = new ConcurrentHashMap<>();
    private volatile String cut; // null: connected

    /** Cuts the agent off from every member. */
    void cut() {
        cut(EVERYTHING);
    }

    /** Cuts the calls of one service (e.g. {@code WatchServiceGrpc.SERVICE_NAME}) only. */
    void cut(String service) {
        this.cut = service;
        open.forEach((call, name) -> {
            if (blocks(name)) {
                call.cancel("network cut", null);
            }
        });
    }

    void heal() {
        cut = null;
    }

    /** How many calls of {@code fullMethodName} (e.g. {@code raftbeat.v1.AgentService/ListActions}) went through. */
    int passed(String fullMethodName) {
        AtomicInteger n = passed.get(fullMethodName);
        return n == null ? 0 : n.get();
    }

    private boolean blocks(String service) {
        String c = cut;
        return c != null && (c.equals(EVERYTHING) || c.equals(service));
    }

    @Override
    public <Q, R> ClientCall<Q, R> interceptCall(MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
        String service = method.getServiceName();
        if (blocks(service)) {
            return new Refused<>();
        }
        passed.computeIfAbsent(method.getFullMethodName(), k -> new AtomicInteger())
                .incrementAndGet();
        return new ForwardingClientCall.SimpleForwardingClientCall<>(next.newCall(method, options)) {
            @Override
            public void start(Listener<R> listener, Metadata headers) {
                ClientCall<Q, R> self = this;
                open.put(self, service);
                super.start(
                        new ForwardingClientCallListener.SimpleForwardingClientCallListener<>(listener) {
                            @Override
                            public void onClose(Status status, Metadata trailers) {
                                open.remove(self);
                                super.onClose(status, trailers);
                            }
                        },
                        headers);
                if (blocks(service)) { // cut while this call was starting
                    cancel("network cut", null);
                }
            }
        };
    }

    /** A call that never leaves: it fails at once, as a connection attempt into a partition does. */
    private static final class Refused<Q, R> extends ClientCall<Q, R> {
        @Override
        public void start(Listener<R> listener, Metadata headers) {
            listener.onClose(Status.UNAVAILABLE.withDescription("network cut by the test"), new Metadata());
        }

        @Override
        public void request(int numMessages) {}

        @Override
        public void cancel(String message, Throwable cause) {}

        @Override
        public void halfClose() {}

        @Override
        public void sendMessage(Q message) {}
    }
}
