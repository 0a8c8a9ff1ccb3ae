package io.raftbeat.deploy;

import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.raftbeat.proto.v1.Action;
import io.raftbeat.proto.v1.AgentServiceGrpc;
import io.raftbeat.proto.v1.ResourceSpec;
import io.raftbeat.proto.v1.UpdateActionsRequest;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Writes actions for the agents as the scheduler will (the end-to-end tests and the benchmarks drive agents this way
 * until the scheduler exists): through any member, trying the next one when a member is unavailable. Thread-safe.
 */
public final class Actions implements AutoCloseable {
    private final List<ManagedChannel> channels;

    public Actions(List<String> servers) {
        this.channels = servers.stream()
                .map(s -> (ManagedChannel)
                        NettyChannelBuilder.forTarget(s).usePlaintext().build())
                .toList();
    }

    /** An action for {@code node}: {@code operation} of {@code resource}, in transition {@code transition}. */
    public static Action action(
            String node, long transition, int index, ResourceSpec resource, String operation, long intervalMs) {
        return Action.newBuilder()
                .setId(transition + ":" + index)
                .setNode(node)
                .setTransitionId(transition)
                .setResource(resource)
                .setOperation(operation)
                .setIntervalMs(intervalMs)
                .setTimeoutMs(20_000)
                .build();
    }

    /** Puts the actions; returns the revision that holds them. */
    public long put(Action... actions) {
        UpdateActionsRequest request =
                UpdateActionsRequest.newBuilder().addAllPut(List.of(actions)).build();
        StatusRuntimeException last = null;
        for (int attempt = 0; attempt < 3 * channels.size(); attempt++) {
            ManagedChannel channel = channels.get(attempt % channels.size());
            try {
                return AgentServiceGrpc.newBlockingStub(channel)
                        .withDeadlineAfter(10, TimeUnit.SECONDS)
                        .updateActions(request)
                        .getRevision();
            } catch (StatusRuntimeException e) {
                last = e;
            }
        }
        throw last;
    }

    @Override
    public void close() {
        channels.forEach(ManagedChannel::shutdownNow);
    }
}
