package io.raftbeat.server;

import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.raftbeat.proto.v1.WatchRequest;
import io.raftbeat.proto.v1.WatchResponse;
import io.raftbeat.proto.v1.WatchServiceGrpc;
import io.raftbeat.watch.WatchHub;

/** WatchService: hands the stream to the {@link WatchHub}. */
final class WatchGrpcService extends WatchServiceGrpc.WatchServiceImplBase {
    private final WatchHub hub;

    WatchGrpcService(WatchHub hub) {
        this.hub = hub;
    }

    @Override
    public void watch(WatchRequest request, StreamObserver<WatchResponse> out) {
        hub.watch(request, (ServerCallStreamObserver<WatchResponse>) out);
    }
}
