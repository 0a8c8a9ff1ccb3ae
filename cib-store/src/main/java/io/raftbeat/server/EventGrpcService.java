package io.raftbeat.server;

import io.grpc.stub.StreamObserver;
import io.raftbeat.proto.v1.EventServiceGrpc;
import io.raftbeat.proto.v1.ListEventsRequest;
import io.raftbeat.proto.v1.ListEventsResponse;
import io.raftbeat.storage.EventLog;
import io.raftbeat.watch.EventChunks;

/**
 * EventService: lists this member's event log. A revision older than the oldest retained lists from the oldest;
 * the response says which that is. A listing stops early rather than exceed a client's default message size; the
 * client continues from the last event it got.
 */
final class EventGrpcService extends EventServiceGrpc.EventServiceImplBase {
    static final int DEFAULT_LIMIT = 1000;
    static final int MAX_LIMIT = 10_000;

    private final EventLog log;

    EventGrpcService(EventLog log) {
        this.log = log;
    }

    @Override
    public void listEvents(ListEventsRequest request, StreamObserver<ListEventsResponse> out) {
        int limit = request.getLimit() == 0 ? DEFAULT_LIMIT : Math.min(request.getLimit(), MAX_LIMIT);
        try {
            long first = log.firstRetained();
            long revision = log.revision();
            long after = Math.max(request.getSinceRevision(), first - 1);
            out.onNext(ListEventsResponse.newBuilder()
                    .addAllEvents(EventChunks.prefix(log.readEvents(after, limit), EventChunks.DEFAULT_BUDGET_BYTES))
                    .setOldestRevision(first)
                    .setRevision(revision)
                    .build());
            out.onCompleted();
        } catch (Exception e) {
            out.onError(GrpcErrors.of(e, ""));
        }
    }
}
