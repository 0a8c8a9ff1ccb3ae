package io.raftbeat.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import io.raftbeat.proto.v1.Action;
import io.raftbeat.proto.v1.ActionRef;
import io.raftbeat.proto.v1.Event;
import io.raftbeat.proto.v1.HeartbeatRequest;
import io.raftbeat.proto.v1.HeartbeatResponse;
import io.raftbeat.proto.v1.JoinRequest;
import io.raftbeat.proto.v1.ListActionsRequest;
import io.raftbeat.proto.v1.ListActionsResponse;
import io.raftbeat.proto.v1.ListEventsRequest;
import io.raftbeat.proto.v1.OpResult;
import io.raftbeat.proto.v1.ReportRequest;
import io.raftbeat.proto.v1.ResourceSpec;
import io.raftbeat.proto.v1.UpdateActionsRequest;
import io.raftbeat.proto.v1.WatchRequest;
import io.raftbeat.proto.v1.WatchResponse;
import io.raftbeat.testing.MiniCibCluster;
import io.raftbeat.testing.MiniCibClusterTest;
import io.raftbeat.testing.Requests;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Agents against a 3-member group: join, leases, reports, actions, forwarding, refusals. */
@Timeout(180)
class AgentServiceTest extends MiniCibClusterTest {
    private static Action action(String node, String id) {
        return Action.newBuilder()
                .setId(id)
                .setNode(node)
                .setTransitionId(1)
                .setResource(ResourceSpec.newBuilder()
                        .setId("d1")
                        .setResourceClass("ocf")
                        .setProvider("heartbeat")
                        .setType("Dummy"))
                .setOperation("start")
                .build();
    }

    private static OpResult result(String actionId, long callId, int rc) {
        return OpResult.newBuilder()
                .setResource(action("node1", actionId).getResource())
                .setOperation("start")
                .setRcCode(rc)
                .setCallId(callId)
                .setActionId(actionId)
                .setTransitionId(1)
                .build();
    }

    private List<Event> events(String member, long after) {
        return cluster.events(member)
                .listEvents(
                        ListEventsRequest.newBuilder().setSinceRevision(after).build())
                .getEventsList();
    }

    private boolean hasEvent(String member, long after, String kind, String node) {
        return events(member, after).stream()
                .anyMatch(e -> e.getKind().equals(kind) && e.getNode().equals(node));
    }

    private String status(String member) {
        return cluster.cib(member).query(Requests.queryAll(true)).getXml();
    }

    private HeartbeatResponse beat(String leader, String node) {
        return cluster.agent(leader)
                .heartbeat(HeartbeatRequest.newBuilder().setNode(node).build());
    }

    @Test
    void joinPutsNodeOnlineEverywhereAndSilenceMakesItLostUnclean() throws Exception {
        cluster = MiniCibCluster.start(dir);
        StoreMember leader = cluster.awaitLeader();
        long start = leader.raft().stateMachine().revision();
        // A lease long enough to check every member before it runs out.
        long rev = cluster.agent(leader.id())
                .join(JoinRequest.newBuilder().setNode("node1").setLeaseMs(4000).build())
                .getRevision();
        for (StoreMember m : cluster.running()) {
            cluster.awaitRevision(m.id(), rev);
            String xml = status(m.id());
            assertTrue(xml.contains("<node id=\"node1\" type=\"member\" uname=\"node1\"/>"), xml);
            assertTrue(xml.contains("crmd=\"online\""), xml);
        }
        assertFalse(beat(leader.id(), "node1").getRejoin());
        // No more heartbeats: the leader declares the node lost within a few leases.
        MiniCibCluster.await("node-lost event", () -> hasEvent(leader.id(), start, "node-lost", "node1"));
        String xml = status(leader.id());
        assertTrue(xml.contains("crmd=\"offline\" expected=\"member\" in_ccm=\"false\" join=\"down\""), xml);
        Event lost = events(leader.id(), start).stream()
                .filter(e -> e.getKind().equals("node-lost"))
                .findFirst()
                .orElseThrow();
        // The last heartbeat asked for no lease length: the store's default.
        assertTrue(lost.getSummary().contains("lease expired after 1000 ms without a heartbeat"), lost.getSummary());
        assertTrue(beat(leader.id(), "node1").getRejoin(), "a lost node is told to join again");
        long rejoined = cluster.agent(leader.id())
                .join(JoinRequest.newBuilder().setNode("node1").setLeaseMs(4000).build())
                .getRevision();
        assertFalse(beat(leader.id(), "node1").getRejoin());
        cluster.awaitRevision(leader.id(), rejoined);
        assertTrue(status(leader.id()).contains("crmd=\"online\""));
    }

    @Test
    void heartbeatsAcrossLeadershipTransferKeepTheNodeOnline() throws Exception {
        cluster = MiniCibCluster.start(dir);
        StoreMember leader = cluster.awaitLeader();
        long start = leader.raft().stateMachine().revision();
        cluster.agent(leader.id())
                .join(JoinRequest.newBuilder().setNode("node1").build());
        // A follower forwards a heartbeat to the leader: an agent that cannot reach the leader keeps its lease.
        assertFalse(beat(cluster.aFollower().id(), "node1").getRejoin());

        StoreMember target = cluster.aFollower();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(6);
        boolean transferred = false;
        while (System.nanoTime() < deadline) {
            // The agent's loop: heartbeat whoever leads now; follow a refusal to the leader it names.
            StoreMember now = cluster.running().stream()
                    .filter(m -> m.raft().isLeader())
                    .findFirst()
                    .orElse(null);
            if (now != null) {
                try {
                    assertFalse(beat(now.id(), "node1").getRejoin(), "rejoin asked by " + now.id());
                } catch (StatusRuntimeException e) {
                    assertEquals(Status.Code.UNAVAILABLE, e.getStatus().getCode());
                }
            }
            if (!transferred && System.nanoTime() > deadline - TimeUnit.SECONDS.toNanos(4)) {
                leader.node().transferLeadershipTo(target.node().getNodeId().getPeerId());
                transferred = true;
            }
            Thread.sleep(200);
        }
        assertTrue(target.raft().isLeader(), "leadership moved");
        assertFalse(hasEvent(target.id(), start, "node-lost", "node1"));
    }

    @Test
    void reportCompletesTheActionOnceAndWatchSeesOnlyThatNodesActions() throws Exception {
        cluster = MiniCibCluster.start(dir);
        StoreMember follower = cluster.aFollower();
        BlockingQueue<WatchResponse> seen = new LinkedBlockingQueue<>();
        cluster.watch(follower.id())
                .watch(
                        WatchRequest.newBuilder()
                                .addSections("actions")
                                .setNode("node1")
                                .build(),
                        collect(seen));
        // Written through a follower: forwarded to the leader.
        cluster.agent(follower.id())
                .updateActions(UpdateActionsRequest.newBuilder()
                        .addPut(action("node2", "1:0"))
                        .addPut(action("node1", "1:1"))
                        .build());
        ReportRequest report = ReportRequest.newBuilder()
                .setNode("node1")
                .addResults(result("1:1", 5, 0))
                .build();
        long first = cluster.agent(follower.id()).report(report).getRevision();
        long second = cluster.agent(follower.id()).report(report).getRevision();
        assertTrue(second > first);
        cluster.awaitRevision(follower.id(), second);
        Event duplicate = events(follower.id(), second - 1).get(0);
        assertEquals(0, duplicate.getChangesCount(), "a retried report writes nothing: " + duplicate);

        ListActionsResponse listed = cluster.agent(follower.id())
                .listActions(ListActionsRequest.newBuilder().setNode("node1").build());
        assertEquals(1, listed.getActionsCount());
        assertEquals(5, listed.getActions(0).getResult().getCallId());
        assertTrue(listed.getRevision() >= second);
        assertTrue(status(follower.id()).contains("operation_key=\"d1_start_0\""));

        cluster.agent(follower.id())
                .updateActions(UpdateActionsRequest.newBuilder()
                        .addDelete(ActionRef.newBuilder().setNode("node1").setId("1:1"))
                        .build());
        List<String> changes = new java.util.ArrayList<>();
        MiniCibCluster.await("three action changes of node1", () -> {
            WatchResponse w;
            while ((w = seen.poll()) != null) {
                w.getEventsList().forEach(e -> e.getChangesList()
                        .forEach(c -> changes.add(c.getType() + " " + c.getPath() + " " + c.getNode())));
            }
            return changes.size() >= 3;
        });
        assertEquals(
                List.of(
                        "CHANGE_PUT /actions/node1/1:1 node1",
                        "CHANGE_PUT /actions/node1/1:1 node1",
                        "CHANGE_DELETE /actions/node1/1:1 node1"),
                changes);
    }

    @Test
    void invalidNamesAreRefusedWithUsageAndNothingIsCommitted() throws Exception {
        cluster = MiniCibCluster.start(dir);
        StoreMember leader = cluster.awaitLeader();
        StoreMember follower = cluster.aFollower();
        long before = leader.raft().stateMachine().revision();
        List<Runnable> calls = List.of(
                () -> cluster.agent(leader.id())
                        .join(JoinRequest.newBuilder().setNode("../x").build()),
                () -> cluster.agent(leader.id()).join(JoinRequest.getDefaultInstance()),
                () -> beat(leader.id(), "node 1"),
                () -> cluster.agent(follower.id())
                        .report(ReportRequest.newBuilder()
                                .setNode("node1")
                                .addResults(result("1:0", 1, 0).toBuilder()
                                        .setResource(ResourceSpec.newBuilder().setId("a/b")))
                                .build()),
                () -> cluster.agent(follower.id())
                        .updateActions(UpdateActionsRequest.newBuilder()
                                .addPut(action("node1", "bad id"))
                                .build()));
        for (Runnable call : calls) {
            StatusRuntimeException e = assertThrows(StatusRuntimeException.class, call::run);
            assertEquals(Status.Code.INVALID_ARGUMENT, e.getStatus().getCode(), e.toString());
            assertNotNull(GrpcErrors.detailOf(e));
            assertEquals(64, GrpcErrors.detailOf(e).getExitCode());
        }
        assertEquals(before, leader.raft().stateMachine().revision());
    }

    private static StreamObserver<WatchResponse> collect(BlockingQueue<WatchResponse> into) {
        return new StreamObserver<>() {
            @Override
            public void onNext(WatchResponse value) {
                into.add(value);
            }

            @Override
            public void onError(Throwable t) {}

            @Override
            public void onCompleted() {}
        };
    }
}
