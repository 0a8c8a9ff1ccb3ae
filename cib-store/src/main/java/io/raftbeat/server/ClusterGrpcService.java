package io.raftbeat.server;

import com.alipay.sofa.jraft.Node;
import com.alipay.sofa.jraft.Status;
import com.alipay.sofa.jraft.entity.PeerId;
import io.grpc.stub.StreamObserver;
import io.raftbeat.cib.CibError;
import io.raftbeat.cib.CibException;
import io.raftbeat.proto.v1.AddMemberRequest;
import io.raftbeat.proto.v1.ClusterServiceGrpc;
import io.raftbeat.proto.v1.LeaderRequest;
import io.raftbeat.proto.v1.LeaderResponse;
import io.raftbeat.proto.v1.Member;
import io.raftbeat.proto.v1.MembersRequest;
import io.raftbeat.proto.v1.MembersResponse;
import io.raftbeat.proto.v1.MembershipResponse;
import io.raftbeat.proto.v1.RemoveMemberRequest;
import io.raftbeat.proto.v1.TransferLeadershipRequest;
import io.raftbeat.raft.Commands;
import io.raftbeat.raft.RaftCibStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * ClusterService: the Raft group's members and leader, and membership changes through jraft's Node API on the
 * leader (a follower forwards those to the leader). A member's address book entry is replicated (SetMember) before
 * it joins the Raft configuration, so every member can forward to it.
 */
final class ClusterGrpcService extends ClusterServiceGrpc.ClusterServiceImplBase {
    private static final long PEER_DEADLINE_MS = 1000;

    private final RaftCibStore raft;
    private final LeaderLocator leaders;
    private final Commands commands;
    private final MembershipChanges changes;

    ClusterGrpcService(RaftCibStore raft, LeaderLocator leaders, Commands commands, String selfId) {
        this.raft = raft;
        this.leaders = leaders;
        this.commands = commands;
        this.changes = new MembershipChanges(raft, leaders, commands, selfId);
    }

    @Override
    public void members(MembersRequest request, StreamObserver<MembersResponse> out) {
        List<Member> members = describe();
        if (request.getSelfOnly()) {
            members = members.stream().filter(this::isSelf).toList();
        } else {
            members = askEach(members);
        }
        out.onNext(MembersResponse.newBuilder().addAllMembers(members).build());
        out.onCompleted();
    }

    /** Each peer describes itself (revision, term), in parallel; one that does not answer is unreachable. */
    private List<Member> askEach(List<Member> members) {
        MembersRequest selfOnly = MembersRequest.newBuilder().setSelfOnly(true).build();
        List<Future<MembersResponse>> answers = new ArrayList<>();
        for (Member m : members) {
            answers.add(
                    isSelf(m) || m.getGrpcAddress().isEmpty()
                            ? null
                            : leaders.forwardTo(m.getGrpcAddress(), ClusterServiceGrpc::newFutureStub)
                                    .withDeadlineAfter(PEER_DEADLINE_MS, TimeUnit.MILLISECONDS)
                                    .members(selfOnly));
        }
        List<Member> out = new ArrayList<>();
        for (int i = 0; i < members.size(); i++) {
            Member m = members.get(i);
            out.add(answers.get(i) == null ? m : merged(m, answers.get(i)));
        }
        return out;
    }

    private static Member merged(Member known, Future<MembersResponse> answer) {
        try {
            List<Member> own = answer.get().getMembersList();
            if (own.size() == 1) {
                Member self = own.get(0);
                return known.toBuilder()
                        .setReachable(true)
                        .setAppliedRevision(self.getAppliedRevision())
                        .setTerm(self.getTerm())
                        .build();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            // It did not answer in time: unreachable from here.
        }
        return known.toBuilder().setReachable(false).build();
    }

    private boolean isSelf(Member m) {
        return m.getRaftAddress()
                .equals(raft.node().getNodeId().getPeerId().getEndpoint().toString());
    }

    @Override
    public void leader(LeaderRequest request, StreamObserver<LeaderResponse> out) {
        Member leader = leaders.leader();
        if (leader == null) {
            out.onError(GrpcErrors.unavailable("no leader is elected yet", ""));
            return;
        }
        String id = leader.getId();
        Member full = describe().stream()
                .filter(m -> m.getId().equals(id))
                .findFirst()
                .orElse(leader);
        out.onNext(LeaderResponse.newBuilder().setLeader(full).setTerm(term()).build());
        out.onCompleted();
    }

    @Override
    public void transferLeadership(TransferLeadershipRequest request, StreamObserver<LeaderResponse> out) {
        if (!raft.isLeader()) {
            forward(out, s -> s.transferLeadership(request));
            return;
        }
        reply(
                changes.transferTo(request.getMemberId()).thenApply(m -> LeaderResponse.newBuilder()
                        .setLeader(m)
                        .setTerm(term())
                        .build()),
                out);
    }

    @Override
    public void addMember(AddMemberRequest request, StreamObserver<MembershipResponse> out) {
        if (!raft.isLeader()) {
            forward(out, s -> s.addMember(request));
            return;
        }
        reply(changes.add(request.getMember()).thenApply(v -> membership()), out);
    }

    @Override
    public void removeMember(RemoveMemberRequest request, StreamObserver<MembershipResponse> out) {
        if (!raft.isLeader()) {
            forward(out, s -> s.removeMember(request));
            return;
        }
        reply(changes.remove(request.getMemberId()).thenApply(v -> membership()), out);
    }

    private MembershipResponse membership() {
        return MembershipResponse.newBuilder().addAllMembers(describe()).build();
    }

    /** The Raft configuration as members, with what this member can see of each. */
    private List<Member> describe() {
        Node node = raft.node();
        PeerId leaderId = raft.leaderId();
        Set<String> alive = raft.isLeader()
                ? node.listAlivePeers().stream()
                        .map(p -> p.getEndpoint().toString())
                        .collect(Collectors.toSet())
                : Set.of();
        String self = node.getNodeId().getPeerId().getEndpoint().toString();
        String leader = leaderId == null ? "" : leaderId.getEndpoint().toString();
        return leaders.configuration().stream()
                .map(m -> {
                    Member.Builder b =
                            m.toBuilder().setLeader(m.getRaftAddress().equals(leader));
                    boolean isSelf = m.getRaftAddress().equals(self);
                    b.setReachable(isSelf || alive.contains(m.getRaftAddress()) || b.getLeader());
                    if (isSelf) {
                        b.setAppliedRevision(raft.stateMachine().revision()).setTerm(term());
                    }
                    return b.build();
                })
                .toList();
    }

    private long term() {
        return raft.stateMachine().term();
    }

    private <R> void forward(
            StreamObserver<R> out, java.util.function.Function<ClusterServiceGrpc.ClusterServiceBlockingStub, R> call) {
        String leader = leaders.leaderAddress();
        if (leader.isEmpty() || CallOrigin.forwarded()) {
            out.onError(GrpcErrors.unavailable("this member is not the leader; retry", leader));
            return;
        }
        try {
            out.onNext(call.apply(leaders.forwardTo(leader, ClusterServiceGrpc::newBlockingStub)));
            out.onCompleted();
        } catch (RuntimeException e) {
            out.onError(GrpcErrors.of(e, leader));
        }
    }

    private static <R> void reply(CompletableFuture<R> result, StreamObserver<R> out) {
        result.whenComplete((r, t) -> {
            if (t != null) {
                out.onError(GrpcErrors.of(t, ""));
            } else {
                out.onNext(r);
                out.onCompleted();
            }
        });
    }

    static CompletableFuture<Void> completion(CompletableFuture<Void> f, Status status, String what) {
        if (status.isOk()) {
            f.complete(null);
        } else {
            f.completeExceptionally(new CibException(CibError.ERROR, what + " failed: " + status.getErrorMsg()));
        }
        return f;
    }
}
