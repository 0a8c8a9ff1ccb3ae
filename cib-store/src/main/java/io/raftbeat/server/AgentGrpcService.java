package io.raftbeat.server;

import io.grpc.Context;
import io.grpc.Deadline;
import io.grpc.stub.StreamObserver;
import io.raftbeat.leader.LivenessMonitor;
import io.raftbeat.proto.v1.AgentServiceGrpc;
import io.raftbeat.proto.v1.HeartbeatRequest;
import io.raftbeat.proto.v1.HeartbeatResponse;
import io.raftbeat.proto.v1.JoinRequest;
import io.raftbeat.proto.v1.JoinResponse;
import io.raftbeat.proto.v1.LeaveRequest;
import io.raftbeat.proto.v1.LeaveResponse;
import io.raftbeat.proto.v1.ListActionsRequest;
import io.raftbeat.proto.v1.ListActionsResponse;
import io.raftbeat.proto.v1.ReportRequest;
import io.raftbeat.proto.v1.ReportResponse;
import io.raftbeat.proto.v1.UpdateActionsRequest;
import io.raftbeat.proto.v1.UpdateActionsResponse;
import io.raftbeat.raft.AgentRequests;
import io.raftbeat.raft.CibReader;
import io.raftbeat.raft.Commands;
import io.raftbeat.raft.RaftCibStore;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * AgentService: leases on the leader only (a follower forwards heartbeats there, and answers joins and leaves with
 * UNAVAILABLE naming the leader, since a lease held by a follower means nothing); reports and action updates proposed
 * on the leader or forwarded to it; action lists read through ReadIndex (or locally). Input is checked before anything
 * is proposed. Translation only: the liveness rules live in {@link LivenessMonitor}, the CIB rules in the state
 * machine.
 */
final class AgentGrpcService extends AgentServiceGrpc.AgentServiceImplBase {
    /** A forwarded heartbeat's limit when the caller set none. */
    private static final long FORWARD_MS = 500;

    private final RaftCibStore raft;
    private final LeaderLocator leaders;
    private final Commands commands;
    private final LivenessMonitor liveness;
    private final LeaderWrites writes;

    AgentGrpcService(RaftCibStore raft, LeaderLocator leaders, Commands commands, LivenessMonitor liveness) {
        this.raft = raft;
        this.leaders = leaders;
        this.commands = commands;
        this.liveness = liveness;
        this.writes = new LeaderWrites(raft, leaders);
    }

    @Override
    public void join(JoinRequest request, StreamObserver<JoinResponse> out) {
        if (!RequestChecks.valid(() -> AgentRequests.requireNode(request.getNode()), out) || !leading(out)) {
            return;
        }
        writes.reply(
                liveness.join(request.getNode(), request.getLeaseMs()).thenApply(r -> JoinResponse.newBuilder()
                        .setRevision(r.getRevision())
                        .setTerm(raft.stateMachine().term())
                        .build()),
                out);
    }

    /**
     * Renewed by the leader; a follower forwards it there, so that an agent that cannot reach the leader itself
     * keeps its lease through any member that can. The forward gets half of the caller's time, so the follower
     * answers (and the agent learns it is not cut off) even when the leader is silent.
     */
    @Override
    public void heartbeat(HeartbeatRequest request, StreamObserver<HeartbeatResponse> out) {
        if (!RequestChecks.valid(() -> AgentRequests.requireNode(request.getNode()), out)) {
            return;
        }
        Deadline callerDeadline = Context.current().getDeadline();
        long forwardMs = callerDeadline == null
                ? FORWARD_MS
                : Math.max(1, callerDeadline.timeRemaining(TimeUnit.MILLISECONDS) / 2);
        writes.onLeaderOrForward(
                () -> renew(request),
                leader -> leaders.forwardTo(leader, AgentServiceGrpc::newFutureStub)
                        .withDeadlineAfter(forwardMs, TimeUnit.MILLISECONDS)
                        .heartbeat(request),
                out);
    }

    private CompletableFuture<HeartbeatResponse> renew(HeartbeatRequest request) {
        try {
            boolean held = liveness.heartbeat(request.getNode(), request.getLeaseMs());
            return CompletableFuture.completedFuture(HeartbeatResponse.newBuilder()
                    .setRejoin(!held)
                    .setTerm(raft.stateMachine().term())
                    .setLeaseMs(held ? liveness.leaseOf(request.getLeaseMs()) : 0)
                    .build());
        } catch (Exception e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public void leave(LeaveRequest request, StreamObserver<LeaveResponse> out) {
        if (!RequestChecks.valid(() -> AgentRequests.requireNode(request.getNode()), out) || !leading(out)) {
            return;
        }
        writes.reply(
                liveness.leave(request.getNode()).thenApply(r -> LeaveResponse.newBuilder()
                        .setRevision(r.getRevision())
                        .build()),
                out);
    }

    @Override
    public void report(ReportRequest request, StreamObserver<ReportResponse> out) {
        if (!RequestChecks.valid(() -> AgentRequests.requireValid(request.getNode(), request.getResultsList()), out)) {
            return;
        }
        writes.proposeOrForward(
                () -> commands.report(request.getNode(), request.getResultsList()),
                r -> ReportResponse.newBuilder().setRevision(r.getRevision()).build(),
                leader -> leaders.forwardTo(leader, AgentServiceGrpc::newFutureStub)
                        .report(request),
                out);
    }

    @Override
    public void updateActions(UpdateActionsRequest request, StreamObserver<UpdateActionsResponse> out) {
        if (!RequestChecks.valid(() -> AgentRequests.requireValid(request), out)) {
            return;
        }
        writes.proposeOrForward(
                () -> commands.updateActions(request, CallOrigin.client()),
                r -> UpdateActionsResponse.newBuilder()
                        .setRevision(r.getRevision())
                        .build(),
                leader -> leaders.forwardTo(leader, AgentServiceGrpc::newFutureStub)
                        .updateActions(request),
                out);
    }

    @Override
    public void listActions(ListActionsRequest request, StreamObserver<ListActionsResponse> out) {
        String node = request.getNode();
        if (!node.isEmpty() && !RequestChecks.valid(() -> AgentRequests.requireNode(node), out)) {
            return;
        }
        CibReader<ListActionsResponse> reader = (cib, revision) -> ListActionsResponse.newBuilder()
                .addAllActions(raft.stateMachine().actions().list(node))
                .setRevision(revision)
                .build();
        writes.reply(request.getLocal() ? raft.readLocal(reader) : raft.readLinearizable(reader), out);
    }

    /** A lease is the leader's alone: anywhere else the agent is sent to the leader. */
    private boolean leading(StreamObserver<?> out) {
        if (raft.isLeader()) {
            return true;
        }
        String leader = leaders.leaderAddress();
        String why = leader.isEmpty() ? "no leader is elected yet" : "leases are held by the leader";
        out.onError(GrpcErrors.unavailable(why + "; retry", leader));
        return false;
    }
}
