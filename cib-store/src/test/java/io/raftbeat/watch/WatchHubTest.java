package io.raftbeat.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ServerCallStreamObserver;
import io.raftbeat.proto.v1.Change;
import io.raftbeat.proto.v1.Event;
import io.raftbeat.proto.v1.WatchRequest;
import io.raftbeat.proto.v1.WatchResponse;
import io.raftbeat.storage.EventLog;
import io.raftbeat.testing.MiniCibCluster;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The hub alone, with an in-memory event log and a stream whose readiness the test controls. */
@Timeout(60)
class WatchHubTest {
    /** An event log that keeps events [first, last] in memory. */
    static final class MemoryLog implements EventLog {
        final List<Event> events = new CopyOnWriteArrayList<>();
        volatile long first = 1;

        void append(Event e) {
            events.add(e);
        }

        @Override
        public List<Event> readEvents(long after, int limit) {
            return events.stream()
                    .filter(e -> e.getRevision() > after && e.getRevision() >= first)
                    .limit(limit)
                    .toList();
        }

        @Override
        public long firstRetained() {
            return first;
        }

        @Override
        public long revision() {
            return events.isEmpty() ? 0 : events.get(events.size() - 1).getRevision();
        }
    }

    /** The server side of one watch call: readiness is switched by the test, as a slow client would. */
    static final class TestStream extends ServerCallStreamObserver<WatchResponse> {
        final List<Object> received = new CopyOnWriteArrayList<>();
        volatile boolean ready = true;
        volatile Runnable onReady = () -> {};
        volatile Runnable onCancel = () -> {};

        @Override
        public boolean isReady() {
            return ready;
        }

        void becomeReady() {
            ready = true;
            onReady.run();
        }

        @Override
        public void setOnReadyHandler(Runnable r) {
            onReady = r;
        }

        @Override
        public void setOnCancelHandler(Runnable r) {
            onCancel = r;
        }

        @Override
        public boolean isCancelled() {
            return false;
        }

        @Override
        public void setCompression(String compression) {}

        @Override
        public void disableAutoInboundFlowControl() {}

        @Override
        public void request(int count) {}

        @Override
        public void setMessageCompression(boolean enable) {}

        @Override
        public void onNext(WatchResponse value) {
            received.addAll(value.getEventsList());
        }

        @Override
        public void onError(Throwable t) {
            received.add(t);
        }

        @Override
        public void onCompleted() {
            received.add("completed");
        }

        List<Long> revisions() {
            List<Long> out = new ArrayList<>();
            for (Object o : received) {
                if (o instanceof Event e) {
                    out.add(e.getRevision());
                }
            }
            return out;
        }
    }

    private static Event event(long revision, String section) {
        return Event.newBuilder()
                .setRevision(revision)
                .setKind("cib-update")
                .addChanges(Change.newBuilder().setSection(section).setId("e" + revision))
                .build();
    }

    private static List<Long> range(long from, long to) {
        List<Long> out = new ArrayList<>();
        for (long r = from; r <= to; r++) {
            out.add(r);
        }
        return out;
    }

    @Test
    void slowWatcherFallsOutOfTheTailAndContinuesFromTheLogWithoutGapsOrDuplicates() {
        MemoryLog log = new MemoryLog();
        try (WatchHub hub = new WatchHub(log, 4, 1)) {
            TestStream slow = new TestStream();
            slow.ready = false;
            hub.watch(WatchRequest.newBuilder().setFromRevision(0).build(), slow);
            for (long r = 1; r <= 50; r++) {
                Event e = event(r, "resources");
                log.append(e);
                hub.publish(e);
            }
            assertTrue(slow.revisions().isEmpty(), "nothing is sent to a stream that is not ready");
            slow.becomeReady();
            MiniCibCluster.await(
                    "the slow watcher to catch up", () -> slow.revisions().size() == 50);
            assertEquals(range(1, 50), slow.revisions());
        }
    }

    @Test
    void watchFromAnOldRevisionReadsTheLogThenFollowsLiveEvents() {
        MemoryLog log = new MemoryLog();
        for (long r = 1; r <= 10; r++) {
            log.append(event(r, r % 2 == 0 ? "constraints" : "resources"));
        }
        try (WatchHub hub = new WatchHub(log, 4, 1)) {
            TestStream s = new TestStream();
            hub.watch(
                    WatchRequest.newBuilder()
                            .setFromRevision(3)
                            .addSections("constraints")
                            .build(),
                    s);
            Event live = event(11, "resources");
            log.append(live);
            hub.publish(live);
            Event live2 = event(12, "constraints");
            log.append(live2);
            hub.publish(live2);
            MiniCibCluster.await("events up to 12", () -> s.revisions().contains(12L));
            assertEquals(List.of(4L, 6L, 8L, 10L, 12L), s.revisions());
        }
    }

    @Test
    void revisionOlderThanTheOldestRetainedFailsNamingIt() {
        MemoryLog log = new MemoryLog();
        for (long r = 1; r <= 10; r++) {
            log.append(event(r, "resources"));
        }
        log.first = 6;
        try (WatchHub hub = new WatchHub(log, 4, 1)) {
            TestStream s = new TestStream();
            hub.watch(WatchRequest.newBuilder().setFromRevision(2).build(), s);
            StatusRuntimeException e = assertInstanceOf(StatusRuntimeException.class, s.received.get(0));
            assertEquals(Status.Code.FAILED_PRECONDITION, e.getStatus().getCode());
            assertTrue(e.getMessage().contains("oldest retained revision is 6"), e.getMessage());
            TestStream ok = new TestStream();
            hub.watch(WatchRequest.newBuilder().setFromRevision(5).build(), ok);
            MiniCibCluster.await("events 6..10", () -> ok.revisions().size() == 5);
            assertEquals(range(6, 10), ok.revisions());
        }
    }

    @Test
    void watcherCompactedWhileBehindFailsInsteadOfSkipping() {
        MemoryLog log = new MemoryLog();
        try (WatchHub hub = new WatchHub(log, 2, 1)) {
            TestStream slow = new TestStream();
            slow.ready = false;
            hub.watch(WatchRequest.newBuilder().setFromRevision(0).build(), slow);
            for (long r = 1; r <= 10; r++) {
                Event e = event(r, "resources");
                log.append(e);
                hub.publish(e);
            }
            log.first = 5; // retention dropped 1..4 while the watcher was stalled
            slow.becomeReady();
            MiniCibCluster.await("the error", () -> !slow.received.isEmpty());
            StatusRuntimeException e = assertInstanceOf(StatusRuntimeException.class, slow.received.get(0));
            assertEquals(Status.Code.FAILED_PRECONDITION, e.getStatus().getCode());
        }
    }
}
