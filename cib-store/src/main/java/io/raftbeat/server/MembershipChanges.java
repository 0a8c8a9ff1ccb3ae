package io.raftbeat.server;

import com.alipay.sofa.jraft.Status;
import com.alipay.sofa.jraft.entity.PeerId;
import io.raftbeat.cib.CibError;
import io.raftbeat.cib.CibException;
import io.raftbeat.proto.v1.Member;
import io.raftbeat.raft.Commands;
import io.raftbeat.raft.RaftCibStore;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Leader-side membership changes through jraft's Node API, each recorded in the replicated member table. */
final class MembershipChanges {
    private final RaftCibStore raft;
    private final LeaderLocator leaders;
    private final Commands commands;
    private final String selfId;

    MembershipChanges(RaftCibStore raft, LeaderLocator leaders, Commands commands, String selfId) {
        this.raft = raft;
        this.leaders = leaders;
        this.commands = commands;
        this.selfId = selfId;
    }

    CompletableFuture<Member> transferTo(String memberId) {
        Member target = leaders.knownMembers().get(memberId);
        if (target == null) {
            return failed(CibError.NOSUCH, "no member named '" + memberId + "'");
        }
        Status st = raft.node().transferLeadershipTo(PeerId.parsePeer(target.getRaftAddress()));
        if (!st.isOk()) {
            return failed(CibError.ERROR, "transfer of leadership to " + memberId + " failed: " + st.getErrorMsg());
        }
        // Answer once the group names a new leader (or give the current view after a bounded wait).
        CompletableFuture<Member> f = new CompletableFuture<>();
        CompletableFuture.runAsync(
                () -> {
                    for (int i = 0; i < 100 && (raft.isLeader() || leaders.leader() == null); i++) {
                        sleep(50);
                    }
                    Member leader = leaders.leader();
                    f.complete(leader == null ? target : leader);
                },
                CompletableFuture.delayedExecutor(0, TimeUnit.MILLISECONDS));
        return f;
    }

    CompletableFuture<Void> add(Member member) {
        if (member.getId().isEmpty()
                || member.getRaftAddress().isEmpty()
                || member.getGrpcAddress().isEmpty()) {
            return failed(CibError.USAGE, "a new member needs an id, a Raft address and a gRPC address");
        }
        PeerId peer = PeerId.parsePeer(member.getRaftAddress());
        if (peer == null) {
            return failed(CibError.USAGE, "Raft address '" + member.getRaftAddress() + "' is not HOST:PORT");
        }
        return raft.propose(commands.setMember(member, false, selfId)).thenCompose(r -> {
            CompletableFuture<Void> f = new CompletableFuture<>();
            raft.node().addPeer(peer, st -> ClusterGrpcService.completion(f, st, "adding " + member.getId()));
            return f;
        });
    }

    CompletableFuture<Void> remove(String memberId) {
        Member m = leaders.knownMembers().get(memberId);
        if (m == null) {
            return failed(CibError.NOSUCH, "no member named '" + memberId + "'");
        }
        CompletableFuture<Void> f = new CompletableFuture<>();
        raft.node()
                .removePeer(
                        PeerId.parsePeer(m.getRaftAddress()),
                        st -> ClusterGrpcService.completion(f, st, "removing " + memberId));
        return f.thenCompose(v -> raft.isLeader()
                ? raft.propose(commands.setMember(m, true, selfId)).thenApply(r -> null)
                : CompletableFuture.completedFuture(null));
    }

    private static <T> CompletableFuture<T> failed(CibError error, String message) {
        return CompletableFuture.failedFuture(new CibException(error, message));
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
