package io.raftbeat.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.raftbeat.proto.v1.LeaderRequest;
import io.raftbeat.proto.v1.LeaderResponse;
import io.raftbeat.proto.v1.Member;
import io.raftbeat.proto.v1.MembersRequest;
import io.raftbeat.proto.v1.TransferLeadershipRequest;
import io.raftbeat.testing.MiniCibCluster;
import io.raftbeat.testing.Requests;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** ClusterService on a 3-member group: members, leader, leadership transfer asked of a follower. */
@Timeout(120)
class ClusterServiceTest {
    @TempDir
    Path dir;

    private MiniCibCluster cluster;

    @AfterEach
    void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

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
}
