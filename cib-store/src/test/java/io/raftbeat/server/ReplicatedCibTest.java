package io.raftbeat.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.alipay.sofa.jraft.entity.Task;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.raftbeat.proto.v1.CibRequest;
import io.raftbeat.proto.v1.CibResponse;
import io.raftbeat.proto.v1.ErrorDetail;
import io.raftbeat.proto.v1.Event;
import io.raftbeat.proto.v1.ListEventsRequest;
import io.raftbeat.testing.MiniCibCluster;
import io.raftbeat.testing.MiniCibClusterTest;
import io.raftbeat.testing.Requests;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A 3-member group in this JVM: writes anywhere, linearizable reads, CIB errors, bad log entries. */
@Timeout(120)
class ReplicatedCibTest extends MiniCibClusterTest {
    @Test
    void writeThroughFollowerIsReadLinearizablyOnAnotherMember() throws Exception {
        cluster = MiniCibCluster.start(dir);
        StoreMember leader = cluster.awaitLeader();
        List<StoreMember> followers =
                cluster.running().stream().filter(m -> m != leader).toList();
        CibResponse written = cluster.cib(followers.get(0).id()).apply(Requests.createPrimitive("web"));
        assertTrue(written.getRevision() > 0);
        CibResponse read = cluster.cib(followers.get(1).id()).query(Requests.queryAll(false));
        assertTrue(read.getXml().contains("id=\"web\""), read.getXml());
        assertTrue(read.getRevision() >= written.getRevision());
        Event event = cluster.events(followers.get(1).id())
                .listEvents(ListEventsRequest.newBuilder()
                        .setSinceRevision(written.getRevision() - 1)
                        .setLimit(1)
                        .build())
                .getEvents(0);
        assertEquals(written.getRevision(), event.getRevision());
        assertEquals("cib-update", event.getKind());
        assertEquals("web", event.getResource());
        assertEquals(written.getVersion(), event.getVersion());
        assertTrue(event.getChangesList().stream().anyMatch(c -> c.getId().equals("web")), event.toString());
    }

    @Test
    void cibErrorReturnsPacemakerExitCodeAndChangesNothing() throws Exception {
        cluster = MiniCibCluster.start(dir);
        StoreMember follower = cluster.aFollower();
        cluster.cib(follower.id()).apply(Requests.createPrimitive("db"));
        CibResponse before = cluster.cib(follower.id()).query(Requests.queryAll(false));
        StatusRuntimeException e = assertThrows(
                StatusRuntimeException.class, () -> cluster.cib(follower.id()).apply(Requests.createPrimitive("db")));
        assertEquals(Status.Code.ALREADY_EXISTS, e.getStatus().getCode());
        ErrorDetail detail = GrpcErrors.detailOf(e);
        assertNotNull(detail);
        assertEquals(108, detail.getExitCode());
        assertEquals("CRM_EX_EXISTS", detail.getName());
        CibResponse after = cluster.cib(follower.id()).query(Requests.queryAll(false));
        assertEquals(before.getRevision(), after.getRevision());
        assertEquals(before.getXml(), after.getXml());
    }

    @Test
    void retriedRequestIdIsAnsweredOnceNotAppliedTwice() throws Exception {
        cluster = MiniCibCluster.start(dir);
        StoreMember follower = cluster.aFollower();
        CibRequest create = Requests.createPrimitive("once").toBuilder()
                .setRequestId("client-1-42")
                .build();
        CibResponse first = cluster.cib(follower.id()).apply(create);
        long before = cluster.cib(follower.id()).query(Requests.queryAll(false)).getRevision();
        CibResponse retry = cluster.cib(follower.id()).apply(create);
        assertEquals(first.getRevision(), retry.getRevision());
        assertEquals(first.getVersion(), retry.getVersion());
        assertEquals(
                before,
                cluster.cib(follower.id()).query(Requests.queryAll(false)).getRevision());
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> cluster.cib(follower.id())
                .apply(create.toBuilder().setRequestId("client-1-43").build()));
        assertEquals(108, GrpcErrors.detailOf(e).getExitCode(), "a new request id is a new request");
    }

    @Test
    void garbageLogEntryDoesNotStallTheStateMachine() throws Exception {
        cluster = MiniCibCluster.start(dir);
        StoreMember leader = cluster.awaitLeader();
        long before = cluster.cib(leader.id()).query(Requests.queryAll(false)).getRevision();
        CountDownLatch applied = new CountDownLatch(1);
        byte[] garbage = "\u00ff\u00fe not a command \u0001".getBytes(StandardCharsets.ISO_8859_1);
        leader.node().apply(new Task(ByteBuffer.wrap(garbage), status -> applied.countDown()));
        applied.await();
        CibResponse next = cluster.cib(leader.id()).apply(Requests.createPrimitive("after-garbage"));
        assertEquals(before + 1, next.getRevision(), "the garbage entry took no revision");
        for (StoreMember m : cluster.running()) {
            cluster.awaitRevision(m.id(), next.getRevision());
            assertTrue(
                    cluster.cib(m.id()).query(Requests.queryAll(true)).getXml().contains("after-garbage"));
        }
    }

    @Test
    void writeWithoutLeaderFailsUnavailableWithExitCode102() throws Exception {
        cluster = MiniCibCluster.start(dir);
        StoreMember leader = cluster.awaitLeader();
        StoreMember follower = cluster.aFollower();
        for (StoreMember m : cluster.running()) {
            if (m != follower) {
                cluster.stopMember(m.id());
            }
        }
        assertNotEquals(leader.id(), follower.id());
        MiniCibCluster.await(
                "the lone member to lose its leader", () -> follower.raft().leaderId() == null);
        StatusRuntimeException e = assertThrows(
                StatusRuntimeException.class, () -> cluster.cib(follower.id()).apply(Requests.createPrimitive("x")));
        assertEquals(Status.Code.UNAVAILABLE, e.getStatus().getCode());
        assertEquals(102, GrpcErrors.detailOf(e).getExitCode());
    }

    @Test
    void leaderStopDuringWritesElectsANewLeaderAndKeepsEveryAcknowledgedWrite() throws Exception {
        cluster = MiniCibCluster.start(dir);
        StoreMember leader = cluster.awaitLeader();
        String writeVia = cluster.aFollower().id();
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        AtomicBoolean stop = new AtomicBoolean();
        Thread writer = new Thread(() -> {
            for (int i = 0; !stop.get(); i++) {
                String id = "w" + i;
                try {
                    cluster.cib(writeVia).apply(Requests.createPrimitive(id));
                    acknowledged.add(id);
                } catch (StatusRuntimeException e) {
                    // Unacknowledged (no leader for a moment): the next write is a new id.
                }
            }
        });
        writer.start();
        MiniCibCluster.await("some writes", () -> acknowledged.size() >= 5);
        cluster.stopMember(leader.id());
        StoreMember next = cluster.awaitLeader();
        assertNotEquals(leader.id(), next.id());
        int atElection = acknowledged.size();
        MiniCibCluster.await("writes through the new leader", () -> acknowledged.size() >= atElection + 5);
        stop.set(true);
        writer.join();
        for (StoreMember m : cluster.running()) {
            String xml = cluster.cib(m.id()).query(Requests.queryAll(false)).getXml();
            for (String id : acknowledged) {
                assertTrue(xml.contains("id=\"" + id + "\""), m.id() + " lacks acknowledged write " + id);
            }
        }
        assertTrue(cluster.events(next.id()).listEvents(ListEventsRequest.getDefaultInstance()).getEventsList().stream()
                .anyMatch(
                        e -> e.getKind().equals("leader-change") && e.getNode().equals(next.id())));
    }

    @Test
    void restartedMemberReplaysItsLogAsANoOp() throws Exception {
        cluster = MiniCibCluster.start(dir);
        StoreMember follower = cluster.aFollower();
        for (int i = 0; i < 5; i++) {
            cluster.cib(follower.id()).apply(Requests.createPrimitive("r" + i));
        }
        CibResponse before = cluster.cib(follower.id()).query(Requests.queryAll(false));
        cluster.stopMember(follower.id());
        cluster.startMember(follower.id());
        cluster.awaitLeader();
        CibResponse after = cluster.cib(follower.id()).query(Requests.queryAll(false));
        assertEquals(before.getRevision(), after.getRevision());
        assertEquals(before.getXml(), after.getXml());
        assertFalse(after.getXml().isEmpty());
    }
}
