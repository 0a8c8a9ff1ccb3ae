package io.raftbeat.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.raftbeat.proto.v1.CibOperation;
import io.raftbeat.proto.v1.CibRequest;
import io.raftbeat.proto.v1.ConfirmFencedRequest;
import io.raftbeat.proto.v1.Event;
import io.raftbeat.proto.v1.FenceAttempt;
import io.raftbeat.proto.v1.FenceHistoryRequest;
import io.raftbeat.proto.v1.FenceOperation;
import io.raftbeat.proto.v1.FenceReply;
import io.raftbeat.proto.v1.FenceRequest;
import io.raftbeat.proto.v1.FenceState;
import io.raftbeat.proto.v1.FencingServiceGrpc;
import io.raftbeat.proto.v1.JoinRequest;
import io.raftbeat.proto.v1.ListEventsRequest;
import io.raftbeat.proto.v1.OpResult;
import io.raftbeat.proto.v1.ReportRequest;
import io.raftbeat.proto.v1.ResourceSpec;
import io.raftbeat.testing.MiniCibCluster;
import io.raftbeat.testing.MiniCibClusterTest;
import io.raftbeat.testing.Requests;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The fencer in a 3-member group: a lost node fenced through another node's agent, requests, confirmation. */
@Timeout(180)
class FencingServiceTest extends MiniCibClusterTest {
    private FencingServiceGrpc.FencingServiceBlockingStub fencing(String member) {
        return FencingServiceGrpc.newBlockingStub(cluster.channel(member));
    }

    private List<FenceOperation> history(String member, String target) {
        return fencing(member)
                .history(FenceHistoryRequest.newBuilder().setTarget(target).build())
                .getOperationsList();
    }

    private void join(StoreMember leader, String node, long leaseMs) {
        cluster.agent(leader.id())
                .join(JoinRequest.newBuilder().setNode(node).setLeaseMs(leaseMs).build());
    }

    /** A group with a fence device and nodes node1 and node3 online for long: returns the leader. */
    private StoreMember startWithDevice() throws Exception {
        cluster = MiniCibCluster.start(dir);
        StoreMember leader = cluster.awaitLeader();
        cluster.cib(leader.id())
                .apply(CibRequest.newBuilder()
                        .setOperation(CibOperation.CIB_CREATE)
                        .setScope("resources")
                        .setXml("<primitive id=\"fence1\" class=\"stonith\" type=\"fence_dummy\"/>")
                        .build());
        join(leader, "node1", 120_000);
        join(leader, "node3", 120_000);
        return leader;
    }

    @Test
    void aLostNodeIsFencedByAnotherNodesAgentAndItsStatusCleared() throws Exception {
        StoreMember leader = startWithDevice();
        join(leader, "node2", 300); // never heartbeats: lost, unclean, fenced
        String follower = cluster.aFollower().id();
        MiniCibCluster.await("a fence attempt for node2", () -> history(follower, "node2").stream()
                .anyMatch(op -> op.getAttemptsCount() > 0));
        FenceOperation op = history(follower, "node2").get(0);
        assertEquals(FenceState.FENCE_PENDING, op.getState());
        assertEquals("scheduler on " + leader.id(), op.getOrigin());
        FenceAttempt attempt = op.getAttempts(0);
        assertEquals("fence1", attempt.getDevice());
        assertTrue(List.of("node1", "node3").contains(attempt.getExecutor()), attempt.getExecutor());

        cluster.agent(follower)
                .report(ReportRequest.newBuilder()
                        .setNode(attempt.getExecutor())
                        .addResults(OpResult.newBuilder()
                                .setResource(ResourceSpec.newBuilder()
                                        .setId("fence1")
                                        .setResourceClass("stonith")
                                        .setType("fence_dummy"))
                                .setOperation("reboot")
                                .setCallId(1)
                                .setActionId(attempt.getActionId()))
                        .build());
        MiniCibCluster.await(
                "node2 fenced", () -> history(follower, "node2").get(0).getState() == FenceState.FENCE_DONE);
        FenceOperation done = history(follower, "node2").get(0);
        assertEquals(attempt.getExecutor(), done.getDelegate());
        String xml = cluster.cib(follower).query(Requests.queryAll(false)).getXml();
        assertTrue(xml.matches("(?s).*<node_state id=\"node2\"[^>]*expected=\"down\".*"), xml);
        List<String> kinds =
                cluster
                        .events(follower)
                        .listEvents(ListEventsRequest.newBuilder().build())
                        .getEventsList()
                        .stream()
                        .filter(e -> e.getNode().equals("node2"))
                        .map(Event::getKind)
                        .toList();
        assertTrue(kinds.containsAll(List.of("node-lost", "fence-request", "fenced")), kinds.toString());
        assertEquals(1, history(follower, "node2").size(), "fenced once: the scheduler does not ask again");
    }

    @Test
    void requestsForOneNodeAreOneOperationAndAPersonMayConfirm() throws Exception {
        StoreMember leader = startWithDevice();
        String follower = cluster.aFollower().id();
        FenceRequest request = FenceRequest.newBuilder().setTarget("node3").build();
        FenceReply first = fencing(follower).fence(request);
        FenceReply second = fencing(leader.id()).fence(request);
        assertEquals(FenceState.FENCE_PENDING, first.getOperation().getState());
        assertEquals(first.getOperation().getId(), second.getOperation().getId());

        FenceReply confirmed = fencing(follower)
                .confirm(ConfirmFencedRequest.newBuilder().setTarget("node3").build());
        assertEquals(FenceState.FENCE_DONE, confirmed.getOperation().getState());
        assertEquals("manual confirmation", confirmed.getOperation().getDevice());
        assertEquals(first.getOperation().getId(), confirmed.getOperation().getId());

        StatusRuntimeException unknown = assertThrows(StatusRuntimeException.class, () -> fencing(follower)
                .fence(FenceRequest.newBuilder().setTarget("node9").build()));
        assertEquals(Status.Code.NOT_FOUND, unknown.getStatus().getCode());
        assertEquals(105, GrpcErrors.detailOf(unknown).getExitCode());
        StatusRuntimeException badAction = assertThrows(StatusRuntimeException.class, () -> fencing(follower)
                .fence(FenceRequest.newBuilder()
                        .setTarget("node1")
                        .setAction("explode")
                        .build()));
        assertEquals(64, GrpcErrors.detailOf(badAction).getExitCode());
        assertEquals(1, history(follower, "*").size(), "refused requests record nothing");
    }
}
