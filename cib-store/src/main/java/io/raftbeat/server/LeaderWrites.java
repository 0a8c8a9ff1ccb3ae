package io.raftbeat.server;

import com.google.common.util.concurrent.FutureCallback;
import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.ListenableFuture;
import com.google.common.util.concurrent.MoreExecutors;
import io.grpc.stub.StreamObserver;
import io.raftbeat.proto.v1.CibResponse;
import io.raftbeat.proto.v1.Command;
import io.raftbeat.raft.RaftCibStore;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A write as every service does it: proposed when this member leads, forwarded once to the leader otherwise (a
 * forwarded call that finds no leader here answers UNAVAILABLE naming the leader, so calls never bounce). Called on
 * gRPC threads; answers complete on jraft's or gRPC's threads.
 */
final class LeaderWrites {
    private final RaftCibStore raft;
    private final LeaderLocator leaders;

    LeaderWrites(RaftCibStore raft, LeaderLocator leaders) {
        this.raft = raft;
        this.leaders = leaders;
    }

    /**
     * @param command the command to propose (built only when this member leads)
     * @param answer the reply built from the committed revision
     * @param forward the same call on the leader at the given gRPC address
     */
    <R> void proposeOrForward(
            Supplier<Command> command,
            Function<CibResponse, R> answer,
            Function<String, ListenableFuture<R>> forward,
            StreamObserver<R> out) {
        onLeaderOrForward(() -> raft.propose(command.get()).thenApply(answer), forward, out);
    }

    /**
     * @param onLeader the call's work when this member leads
     * @param forward the same call on the leader at the given gRPC address
     */
    <R> void onLeaderOrForward(
            Supplier<CompletableFuture<R>> onLeader,
            Function<String, ListenableFuture<R>> forward,
            StreamObserver<R> out) {
        if (raft.isLeader()) {
            reply(onLeader.get(), out);
            return;
        }
        String leader = leaders.leaderAddress();
        if (leader.isEmpty() || CallOrigin.forwarded()) {
            String why = leader.isEmpty() ? "no leader is elected yet" : "this member is no longer the leader";
            out.onError(GrpcErrors.unavailable(why + "; retry", leader));
            return;
        }
        Futures.addCallback(
                forward.apply(leader),
                new FutureCallback<>() {
                    @Override
                    public void onSuccess(R r) {
                        out.onNext(r);
                        out.onCompleted();
                    }

                    @Override
                    public void onFailure(Throwable t) {
                        out.onError(GrpcErrors.of(t, leader));
                    }
                },
                MoreExecutors.directExecutor());
    }

    /** Sends the result, or the failure as a status with Pacemaker's exit code. */
    <R> void reply(CompletableFuture<R> result, StreamObserver<R> out) {
        result.whenComplete((r, t) -> {
            if (t != null) {
                out.onError(GrpcErrors.of(t, leaders.leaderAddress()));
            } else {
                out.onNext(r);
                out.onCompleted();
            }
        });
    }
}
