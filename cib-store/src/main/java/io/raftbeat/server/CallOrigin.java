package io.raftbeat.server;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import java.net.SocketAddress;

/**
 * Who a call comes from: the client's address (recorded in events), and whether another member forwarded it (then
 * it is not forwarded again, so a stale view of the leader cannot bounce a write between members).
 */
final class CallOrigin implements ServerInterceptor {
    static final Metadata.Key<String> FORWARDED_FOR =
            Metadata.Key.of("raftbeat-forwarded-for", Metadata.ASCII_STRING_MARSHALLER);
    static final Context.Key<String> CLIENT = Context.key("raftbeat-client");
    static final Context.Key<Boolean> FORWARDED = Context.key("raftbeat-forwarded");

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(
            ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
        String forwardedFor = headers.get(FORWARDED_FOR);
        SocketAddress remote = call.getAttributes().get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR);
        String client = forwardedFor != null ? forwardedFor : remote == null ? "" : remote.toString();
        Context ctx = Context.current().withValues(CLIENT, client, FORWARDED, forwardedFor != null);
        return Contexts.interceptCall(ctx, call, headers, next);
    }

    static String client() {
        String c = CLIENT.get();
        return c == null ? "" : c;
    }

    static boolean forwarded() {
        return Boolean.TRUE.equals(FORWARDED.get());
    }
}
