package io.raftbeat.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.raftbeat.proto.v1.Event;
import io.raftbeat.proto.v1.ListEventsRequest;
import io.raftbeat.proto.v1.ListEventsResponse;
import io.raftbeat.proto.v1.WatchRequest;
import io.raftbeat.proto.v1.WatchResponse;
import io.raftbeat.server.StoreMember;
import io.raftbeat.storage.EventRetention;
import io.raftbeat.testing.MiniCibCluster;
import io.raftbeat.testing.MiniCibClusterTest;
import io.raftbeat.testing.Requests;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Watch over gRPC on a 3-member group: order, resume without gap or duplicate, compaction, filters, retention. */
@Timeout(120)
class WatchStreamTest extends MiniCibClusterTest {
    @Test
    void watchFromRevisionStreamsEveryLaterEventInOrderAndResumesWithoutGapOrDuplicate() throws Exception {
        cluster = MiniCibCluster.start(dir);
        StoreMember leader = cluster.awaitLeader();
        String watcherOn = cluster.aFollower().id();
        long from =
                cluster.cib(leader.id()).apply(Requests.createPrimitive("w0")).getRevision();
        for (int i = 1; i <= 5; i++) {
            cluster.cib(leader.id()).apply(Requests.createPrimitive("w" + i));
        }
        WatchRequest request = WatchRequest.newBuilder()
                .setFromRevision(from)
                .setIncludeNonCib(true)
                .build();
        Stream first = Stream.open(cluster, watcherOn, request);
        List<Long> seen = new ArrayList<>(first.revisions(3));
        first.cancel();
        for (int i = 6; i <= 10; i++) {
            cluster.cib(leader.id()).apply(Requests.createPrimitive("w" + i));
        }
        long last = seen.get(seen.size() - 1);
        Stream second = Stream.open(
                cluster, watcherOn, request.toBuilder().setFromRevision(last).build());
        long target = leader.raft().stateMachine().revision();
        seen.addAll(second.revisions((int) (target - last)));
        second.cancel();
        List<Long> expected = new ArrayList<>();
        for (long r = from + 1; r <= target; r++) {
            expected.add(r);
        }
        assertEquals(expected, seen);
    }

    @Test
    void watchResumedOnAnotherMemberAfterItsMemberStopsHasNoGapOrDuplicate() throws Exception {
        cluster = MiniCibCluster.start(dir);
        StoreMember leader = cluster.awaitLeader();
        List<StoreMember> followers =
                cluster.running().stream().filter(m -> m != leader).toList();
        long from =
                cluster.cib(leader.id()).apply(Requests.createPrimitive("m0")).getRevision();
        Stream first = Stream.open(
                cluster,
                followers.get(0).id(),
                WatchRequest.newBuilder().setFromRevision(from).build());
        for (int i = 1; i <= 3; i++) {
            cluster.cib(leader.id()).apply(Requests.createPrimitive("m" + i));
        }
        List<Long> seen = new ArrayList<>(first.revisions(2));
        cluster.stopMember(followers.get(0).id());
        long last = 0;
        for (int i = 4; i <= 6; i++) {
            last = cluster.cib(leader.id())
                    .apply(Requests.createPrimitive("m" + i))
                    .getRevision();
        }
        Stream second = Stream.open(
                cluster,
                followers.get(1).id(),
                WatchRequest.newBuilder().setFromRevision(seen.get(1)).build());
        seen.addAll(second.revisions((int) (last - seen.get(1))));
        second.cancel();
        List<Long> expected = new ArrayList<>();
        for (long r = from + 1; r <= last; r++) {
            expected.add(r);
        }
        assertEquals(expected, seen);
    }

    @Test
    void sectionFilterPassesOnlyThatSection() throws Exception {
        cluster = MiniCibCluster.start(dir);
        StoreMember leader = cluster.awaitLeader();
        long from =
                cluster.cib(leader.id()).apply(Requests.createPrimitive("a")).getRevision();
        Stream s = Stream.open(
                cluster,
                leader.id(),
                WatchRequest.newBuilder()
                        .setFromRevision(from)
                        .addSections("constraints")
                        .build());
        cluster.cib(leader.id()).apply(Requests.createPrimitive("b"));
        long loc = cluster.cib(leader.id())
                .apply(Requests.createLocation("loc-b", "b"))
                .getRevision();
        Event e = s.nextEvent();
        s.cancel();
        assertEquals(loc, e.getRevision());
        assertTrue(e.getChangesList().stream().allMatch(c -> c.getSection().equals("constraints")), e.toString());
    }

    @Test
    void retentionByCountDropsOldEventsAndACompactedRevisionFailsNamingTheOldest() throws Exception {
        cluster = MiniCibCluster.start(dir, 3, o -> o.withRetention(new EventRetention(5, Duration.ofDays(7))));
        StoreMember leader = cluster.awaitLeader();
        long last = 0;
        for (int i = 0; i < 12; i++) {
            last = cluster.cib(leader.id())
                    .apply(Requests.createPrimitive("c" + i))
                    .getRevision();
        }
        for (StoreMember m : cluster.running()) {
            cluster.awaitRevision(m.id(), last);
            ListEventsResponse listed = cluster.events(m.id()).listEvents(ListEventsRequest.getDefaultInstance());
            assertEquals(5, listed.getEventsCount(), m.id());
            assertEquals(last - 4, listed.getOldestRevision(), m.id());
            assertEquals(last, listed.getEvents(4).getRevision());
        }
        Stream s = Stream.open(
                cluster,
                leader.id(),
                WatchRequest.newBuilder().setFromRevision(1).build());
        StatusRuntimeException e = s.error();
        assertEquals(Status.Code.FAILED_PRECONDITION, e.getStatus().getCode());
        assertEquals(103, io.raftbeat.server.GrpcErrors.detailOf(e).getExitCode());
        assertTrue(
                e.getStatus().getDescription().contains("oldest retained revision is " + (last - 4)),
                e.getStatus().getDescription());
        // Watching from just before the oldest retained works.
        Stream ok = Stream.open(
                cluster,
                leader.id(),
                WatchRequest.newBuilder().setFromRevision(last - 5).build());
        assertEquals(List.of(last - 4, last - 3), ok.revisions(2));
        ok.cancel();
    }

    /** A client-side watch stream collecting what arrives. */
    static final class Stream implements ClientResponseObserver<WatchRequest, WatchResponse> {
        private final BlockingQueue<Object> received = new LinkedBlockingQueue<>();
        private ClientCallStreamObserver<WatchRequest> call;

        static Stream open(MiniCibCluster cluster, String member, WatchRequest request) {
            Stream s = new Stream();
            cluster.watch(member).watch(request, s);
            return s;
        }

        @Override
        public void beforeStart(ClientCallStreamObserver<WatchRequest> requestStream) {
            this.call = requestStream;
        }

        @Override
        public void onNext(WatchResponse value) {
            value.getEventsList().forEach(received::add);
        }

        @Override
        public void onError(Throwable t) {
            received.add(t);
        }

        @Override
        public void onCompleted() {
            received.add("completed");
        }

        Event nextEvent() throws InterruptedException {
            Object o = received.poll(MiniCibCluster.WAIT.toSeconds(), TimeUnit.SECONDS);
            if (o instanceof Event e) {
                return e;
            }
            throw new AssertionError("expected an event, got " + o);
        }

        List<Long> revisions(int n) throws InterruptedException {
            List<Long> out = new ArrayList<>();
            while (out.size() < n) {
                out.add(nextEvent().getRevision());
            }
            return out;
        }

        StatusRuntimeException error() throws InterruptedException {
            Object o = received.poll(MiniCibCluster.WAIT.toSeconds(), TimeUnit.SECONDS);
            if (o instanceof StatusRuntimeException e) {
                return e;
            }
            throw new AssertionError("expected an error, got " + o);
        }

        void cancel() {
            call.cancel("test done", null);
        }
    }
}
