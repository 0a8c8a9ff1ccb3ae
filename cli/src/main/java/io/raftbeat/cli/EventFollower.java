package io.raftbeat.cli;

import io.grpc.StatusRuntimeException;
import io.raftbeat.proto.v1.Event;
import io.raftbeat.proto.v1.WatchRequest;
import io.raftbeat.proto.v1.WatchResponse;
import io.raftbeat.proto.v1.WatchServiceGrpc;
import java.util.Iterator;
import java.util.List;

/**
 * Follows the event log with {@code WatchService.Watch}: from the printer's cursor, on one member at a time. When
 * the stream breaks (the member died or restarted) it watches again from the last revision printed, on the next
 * member, so nothing is lost or repeated. Gives up (exit 102) when no member has answered for the timeout.
 */
final class EventFollower {
    private static final long RETRY_PAUSE_MS = 200;

    private final ClusterConnection cluster;
    private final EventPrinter printer;
    private final long giveUpMs;
    private long failingSince = -1; // when the members stopped answering; -1 while a stream delivers

    EventFollower(ClusterConnection cluster, EventPrinter printer, int timeoutSeconds) {
        this.cluster = cluster;
        this.printer = printer;
        this.giveUpMs = timeoutSeconds * 1000L;
    }

    void follow() throws CliFailure {
        List<String> servers = cluster.servers();
        int index = Math.max(0, servers.indexOf(cluster.lastAnswered()));
        while (true) {
            String member = servers.get(index % servers.size());
            try {
                if (watch(member)) {
                    return;
                }
                failingSince = -1; // the member ended the stream cleanly: resume at once
            } catch (StatusRuntimeException e) {
                GrpcFailure failure = GrpcFailure.of(e);
                if (failure.kind() == GrpcFailure.Kind.REFUSED) {
                    throw new CliFailure(failure.exitCode(), "raftbeat: " + failure.message());
                }
                long now = System.currentTimeMillis();
                failingSince = failingSince < 0 ? now : failingSince;
                if (now - failingSince > giveUpMs) {
                    throw new CliFailure(
                            CliFailure.DISCONNECT,
                            "raftbeat: lost the cluster: no member answered for " + giveUpMs / 1000 + "s (tried "
                                    + String.join(", ", servers) + ")");
                }
                index++;
                pause();
            }
        }
    }

    /** Streams from one member until it ends the stream (false) or the printer is satisfied (true). */
    private boolean watch(String member) {
        WatchRequest request = WatchRequest.newBuilder()
                .setFromRevision(printer.cursor())
                .setIncludeNonCib(true)
                .build();
        Iterator<WatchResponse> stream =
                WatchServiceGrpc.newBlockingStub(cluster.channel(member)).watch(request);
        while (stream.hasNext()) {
            WatchResponse response = stream.next();
            failingSince = -1;
            for (Event event : response.getEventsList()) {
                if (!printer.print(event)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static void pause() throws CliFailure {
        try {
            Thread.sleep(RETRY_PAUSE_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliFailure(1, "Interrupted");
        }
    }
}
