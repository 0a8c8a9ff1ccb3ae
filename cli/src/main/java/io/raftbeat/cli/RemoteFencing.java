package io.raftbeat.cli;

import io.raftbeat.proto.v1.ConfirmFencedRequest;
import io.raftbeat.proto.v1.FenceHistoryRequest;
import io.raftbeat.proto.v1.FenceOperation;
import io.raftbeat.proto.v1.FenceRequest;
import io.raftbeat.proto.v1.FencingServiceGrpc;
import java.time.Duration;
import java.util.List;

/**
 * The cluster's fencer, reached over gRPC ({@code FencingService}) through any member: the members forward Fence and
 * Confirm to the leader, and a member naming the leader is followed ({@link ClusterConnection}). Used by one command
 * on its own thread.
 */
final class RemoteFencing implements AutoCloseable {
    private static final long POLL_MS = 500;

    private final ClusterConnection connection;

    RemoteFencing(List<String> servers, Duration callTimeout, String refusalPrefix) {
        this.connection = new ClusterConnection(servers, callTimeout, refusalPrefix);
    }

    /** Requests fencing; the answer is the target's operation now (a new one, or the pending one it joined). */
    FenceOperation fence(String target, String action, String client) throws CliFailure {
        FenceRequest request = FenceRequest.newBuilder()
                .setTarget(target)
                .setAction(action)
                .setClient(client)
                .build();
        return connection
                .call((channel, deadline) -> FencingServiceGrpc.newBlockingStub(channel)
                        .withDeadline(deadline)
                        .fence(request))
                .getOperation();
    }

    FenceOperation confirm(String target, String client) throws CliFailure {
        ConfirmFencedRequest request = ConfirmFencedRequest.newBuilder()
                .setTarget(target)
                .setClient(client)
                .build();
        return connection
                .call((channel, deadline) -> FencingServiceGrpc.newBlockingStub(channel)
                        .withDeadline(deadline)
                        .confirm(request))
                .getOperation();
    }

    /** The history of one node, or every node's for "*" or empty; linearizable (through the leader's ReadIndex). */
    List<FenceOperation> history(String target) throws CliFailure {
        FenceHistoryRequest request = FenceHistoryRequest.newBuilder()
                .setTarget(target == null || target.equals("*") ? "" : target)
                .build();
        return connection
                .call((channel, deadline) -> FencingServiceGrpc.newBlockingStub(channel)
                        .withDeadline(deadline)
                        .history(request))
                .getOperationsList();
    }

    /**
     * Polls the target's history until the operation is no longer pending or {@code wait} runs out, and returns it
     * as last seen: still pending when time ran out.
     */
    FenceOperation awaitEnd(FenceOperation started, Duration wait) throws CliFailure {
        long deadline = System.nanoTime() + wait.toNanos();
        FenceOperation current = started;
        while (FenceHistoryText.pending(current) && deadline - System.nanoTime() > 0) {
            sleep(Math.max(1, Math.min(POLL_MS, (deadline - System.nanoTime()) / 1_000_000)));
            for (FenceOperation op : history(started.getTarget())) {
                if (op.getId().equals(started.getId())) {
                    current = op;
                }
            }
        }
        return current;
    }

    private static void sleep(long ms) throws CliFailure {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliFailure(1, "Interrupted");
        }
    }

    @Override
    public void close() {
        connection.close();
    }
}
