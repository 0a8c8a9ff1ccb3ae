package io.raftbeat.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.raftbeat.proto.v1.AddMemberRequest;
import io.raftbeat.proto.v1.LeaderRequest;
import io.raftbeat.proto.v1.LeaderResponse;
import io.raftbeat.proto.v1.Member;
import io.raftbeat.proto.v1.MembersRequest;
import io.raftbeat.proto.v1.MembershipResponse;
import io.raftbeat.proto.v1.RemoveMemberRequest;
import io.raftbeat.proto.v1.TransferLeadershipRequest;
import io.raftbeat.testing.MiniCibCluster;
import io.raftbeat.testing.MiniCibClusterTest;
import io.raftbeat.testing.Requests;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** ClusterService on a 3-member group: members, leader, leadership transfer asked of a follower. */
@Timeout(120)
class ClusterServiceTest extends MiniCibClusterTest {
    @Test
    void everyMemberNamesTheLeaderAndListsTheGroup() throws Exception {
        cluster = MiniCibCluster.start(dir);
        StoreMember leader = cluster.awaitLeader();
        for (StoreMember m : cluster.running()) {
            LeaderResponse r = cluster.cluster(m.id()).leader(LeaderRequest.getDefaultInstance());
            assertEquals(leader.id(), r.getLeader().getId());
            assertEquals(
                    leader.options().grpcAddress().toString(), r.getLeader().getGrpcAddress());
            assertTrue(r.getTerm() > 0);
            List<Member> members = cluster.cluster(m.id())
                    .members(MembersRequest.getDefaultInstance())
                    .getMembersList();
            assertEquals(
                    List.of("store1", "store2", "store3"),
                    members.stream().map(Member::getId).sorted().toList());
            assertEquals(1, members.stream().filter(Member::getLeader).count());
        }
    }

    @Test
    void membersAsksEachPeerAndMarksAStoppedOneUnreachable() throws Exception {
        cluster = MiniCibCluster.start(dir);
        StoreMember leader = cluster.awaitLeader();
        String down = cluster.aFollower().id();
        cluster.stopMember(down);
        // A follower learns the term and applies the first entries a moment after the election: poll for that.
        List<Member> members = List.of();
        for (long end = System.nanoTime() + 20_000_000_000L; System.nanoTime() < end; Thread.sleep(100)) {
            members = cluster.cluster(leader.id())
                    .members(MembersRequest.getDefaultInstance())
                    .getMembersList();
            if (members.stream().filter(Member::getReachable).allMatch(m -> m.getAppliedRevision() > 0)) {
                break;
            }
        }
        for (Member m : members) {
            assertEquals(!m.getId().equals(down), m.getReachable(), m.toString());
            if (m.getReachable()) {
                assertTrue(m.getTerm() > 0 && m.getAppliedRevision() > 0, m.toString());
            }
        }
        String up = cluster.running().stream()
                .map(StoreMember::id)
                .filter(id -> !id.equals(leader.id()))
                .findFirst()
                .orElseThrow();
        List<Member> fromFollower =
                cluster.cluster(up).members(MembersRequest.getDefaultInstance()).getMembersList();
        assertEquals(2, fromFollower.stream().filter(Member::getReachable).count(), fromFollower.toString());
    }

    @Test
    void transferAskedOfAFollowerMovesLeadershipAndWritesGoOn() throws Exception {
        cluster = MiniCibCluster.start(dir);
        StoreMember leader = cluster.awaitLeader();
        List<StoreMember> followers =
                cluster.running().stream().filter(m -> m != leader).toList();
        String target = followers.get(1).id();
        cluster.cluster(followers.get(0).id())
                .transferLeadership(TransferLeadershipRequest.newBuilder()
                        .setMemberId(target)
                        .build());
        MiniCibCluster.await(
                target + " to lead", () -> cluster.awaitLeader().id().equals(target));
        long rev = cluster.cib(leader.id())
                .apply(Requests.createPrimitive("after-transfer"))
                .getRevision();
        cluster.awaitRevision(leader.id(), rev);
        assertTrue(
                cluster.cib(leader.id()).query(Requests.queryAll(true)).getXml().contains("after-transfer"));
    }

    @Test
    void plannedStopOfTheLeaderHandsLeadershipOverFirst() throws Exception {
        cluster = MiniCibCluster.start(dir);
        StoreMember leader = cluster.awaitLeader();
        assertTrue(leader.handOverLeadership(MiniCibCluster.WAIT));
        StoreMember next = cluster.awaitLeader();
        assertTrue(!next.id().equals(leader.id()), "leader is still " + next.id());
        assertTrue(!cluster.aFollower().handOverLeadership(MiniCibCluster.WAIT), "a follower has nothing to hand over");
    }

    @Test
    void memberAddedThroughAFollowerJoinsCatchesUpAndCanBeRemoved() throws Exception {
        cluster = MiniCibCluster.start(dir);
        StoreMember leader = cluster.awaitLeader();
        String follower = cluster.aFollower().id();
        long before = cluster.cib(leader.id())
                .apply(Requests.createPrimitive("before-join"))
                .getRevision();
        StoreMember fourth = cluster.startJoiningMember("store4");
        Member m = Member.newBuilder()
                .setId("store4")
                .setRaftAddress(fourth.options().raftAddress().toString())
                .setGrpcAddress(fourth.options().grpcAddress().toString())
                .build();
        MembershipResponse added = cluster.cluster(follower)
                .addMember(AddMemberRequest.newBuilder().setMember(m).build());
        assertEquals(List.of("store1", "store2", "store3", "store4"), ids(added.getMembersList()));
        cluster.awaitRevision("store4", before);
        long viaNew = cluster.cib("store4")
                .apply(Requests.createPrimitive("via-store4"))
                .getRevision();
        cluster.awaitRevision("store4", viaNew);
        assertTrue(cluster.cib("store4").query(Requests.queryAll(true)).getXml().contains("before-join"));
        MembershipResponse removed = cluster.cluster(follower)
                .removeMember(
                        RemoveMemberRequest.newBuilder().setMemberId("store4").build());
        assertEquals(List.of("store1", "store2", "store3"), ids(removed.getMembersList()));
    }

    private static List<String> ids(List<Member> members) {
        return members.stream().map(Member::getId).sorted().toList();
    }
}
