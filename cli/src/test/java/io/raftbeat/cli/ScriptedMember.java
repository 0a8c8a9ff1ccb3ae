package io.raftbeat.cli;

import io.grpc.Server;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import io.raftbeat.cib.CibError;
import io.raftbeat.proto.v1.CibRequest;
import io.raftbeat.proto.v1.CibResponse;
import io.raftbeat.proto.v1.CibServiceGrpc;
import io.raftbeat.proto.v1.ClusterServiceGrpc;
import io.raftbeat.proto.v1.ConfirmFencedRequest;
import io.raftbeat.proto.v1.EventServiceGrpc;
import io.raftbeat.proto.v1.FenceHistoryRequest;
import io.raftbeat.proto.v1.FenceHistoryResponse;
import io.raftbeat.proto.v1.FenceReply;
import io.raftbeat.proto.v1.FenceRequest;
import io.raftbeat.proto.v1.FencingServiceGrpc;
import io.raftbeat.proto.v1.LeaderRequest;
import io.raftbeat.proto.v1.LeaderResponse;
import io.raftbeat.proto.v1.ListEventsRequest;
import io.raftbeat.proto.v1.ListEventsResponse;
import io.raftbeat.proto.v1.TransferLeadershipRequest;
import io.raftbeat.proto.v1.WatchRequest;
import io.raftbeat.proto.v1.WatchResponse;
import io.raftbeat.proto.v1.WatchServiceGrpc;
import io.raftbeat.server.GrpcErrors;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A gRPC server on a free loopback port that answers as the test scripts it: the client side of the API (member
 * selection, error mapping, watch resumption) is tested against the real transport without a Raft group.
 */
final class ScriptedMember implements AutoCloseable {
    volatile Function<CibRequest, CibResponse> cib = r -> {
        throw Status.UNIMPLEMENTED.asRuntimeException();
    };
    volatile Function<LeaderRequest, LeaderResponse> leader = r -> {
        throw Status.UNIMPLEMENTED.asRuntimeException();
    };
    volatile Function<TransferLeadershipRequest, LeaderResponse> transfer = r -> {
        throw Status.UNIMPLEMENTED.asRuntimeException();
    };
    volatile Function<ListEventsRequest, ListEventsResponse> events = r -> {
        throw Status.UNIMPLEMENTED.asRuntimeException();
    };
    volatile Function<FenceRequest, FenceReply> fence = r -> {
        throw Status.UNIMPLEMENTED.asRuntimeException();
    };
    volatile Function<ConfirmFencedRequest, FenceReply> confirm = r -> {
        throw Status.UNIMPLEMENTED.asRuntimeException();
    };
    volatile Function<FenceHistoryRequest, FenceHistoryResponse> fenceHistory = r -> {
        throw Status.UNIMPLEMENTED.asRuntimeException();
    };
    /** What a watch sends before it fails (when failAfter) or stays open. */
    volatile Function<WatchRequest, List<WatchResponse>> watch = r -> List.of();

    volatile boolean watchFailsAfterSending = true;
    final List<CibRequest> cibCalls = new CopyOnWriteArrayList<>();
    final List<WatchRequest> watchCalls = new CopyOnWriteArrayList<>();
    final List<Object> fencingCalls = new CopyOnWriteArrayList<>();
    private final Server server;

    ScriptedMember() throws IOException {
        server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                .addService(new Cib())
                .addService(new Cluster())
                .addService(new Events())
                .addService(new Watch())
                .addService(new Fencing())
                .build()
                .start();
    }

    String address() {
        return "127.0.0.1:" + server.getPort();
    }

    /** A member's refusal exactly as the store sends it (the store's own {@link GrpcErrors}). */
    static StatusRuntimeException refusal(Status.Code code, int exitCode, String message, String leaderAddress) {
        return GrpcErrors.status(code, message, CibError.forExitCode(exitCode), leaderAddress);
    }

    @Override
    public void close() {
        server.shutdownNow();
    }

    private static <T> void answer(StreamObserver<T> observer, java.util.function.Supplier<T> answer) {
        try {
            T value = answer.get();
            observer.onNext(value);
            observer.onCompleted();
        } catch (StatusRuntimeException e) {
            observer.onError(e);
        }
    }

    private final class Cib extends CibServiceGrpc.CibServiceImplBase {
        @Override
        public void query(CibRequest request, StreamObserver<CibResponse> observer) {
            cibCalls.add(request);
            answer(observer, () -> cib.apply(request));
        }

        @Override
        public void apply(CibRequest request, StreamObserver<CibResponse> observer) {
            cibCalls.add(request);
            answer(observer, () -> cib.apply(request));
        }
    }

    private final class Cluster extends ClusterServiceGrpc.ClusterServiceImplBase {
        @Override
        public void leader(LeaderRequest request, StreamObserver<LeaderResponse> observer) {
            answer(observer, () -> leader.apply(request));
        }

        @Override
        public void transferLeadership(TransferLeadershipRequest request, StreamObserver<LeaderResponse> observer) {
            answer(observer, () -> transfer.apply(request));
        }
    }

    private final class Events extends EventServiceGrpc.EventServiceImplBase {
        @Override
        public void listEvents(ListEventsRequest request, StreamObserver<ListEventsResponse> observer) {
            answer(observer, () -> events.apply(request));
        }
    }

    private final class Fencing extends FencingServiceGrpc.FencingServiceImplBase {
        @Override
        public void fence(FenceRequest request, StreamObserver<FenceReply> observer) {
            fencingCalls.add(request);
            answer(observer, () -> fence.apply(request));
        }

        @Override
        public void confirm(ConfirmFencedRequest request, StreamObserver<FenceReply> observer) {
            fencingCalls.add(request);
            answer(observer, () -> confirm.apply(request));
        }

        @Override
        public void history(FenceHistoryRequest request, StreamObserver<FenceHistoryResponse> observer) {
            fencingCalls.add(request);
            answer(observer, () -> fenceHistory.apply(request));
        }
    }

    private final class Watch extends WatchServiceGrpc.WatchServiceImplBase {
        @Override
        public void watch(WatchRequest request, StreamObserver<WatchResponse> observer) {
            watchCalls.add(request);
            for (WatchResponse response : watch.apply(request)) {
                observer.onNext(response);
            }
            if (watchFailsAfterSending) {
                observer.onError(
                        Status.UNAVAILABLE.withDescription("member going away").asRuntimeException());
            }
        }
    }
}
