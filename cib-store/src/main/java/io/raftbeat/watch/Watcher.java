package io.raftbeat.watch;

import io.grpc.stub.ServerCallStreamObserver;
import io.raftbeat.proto.v1.Event;
import io.raftbeat.proto.v1.WatchResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One watch stream and its cursor (the last revision it has passed). Driven on the hub's pool, one drain at a time
 * per watcher; it sends only while gRPC says the stream is ready, so a slow client costs the hub nothing.
 */
final class Watcher {
    private static final Logger LOG = LoggerFactory.getLogger(Watcher.class);

    private final WatchHub hub;
    private final EventFilter filter;
    private final ServerCallStreamObserver<WatchResponse> observer;
    /** Drain requests not yet served; only the thread that moved it from 0 drains. */
    private final AtomicInteger wip = new AtomicInteger();

    private long cursor; // drain thread only
    private boolean started; // drain thread only
    private volatile boolean done;

    Watcher(WatchHub hub, EventFilter filter, ServerCallStreamObserver<WatchResponse> observer, long from) {
        this.hub = hub;
        this.filter = filter;
        this.observer = observer;
        this.cursor = from;
    }

    void wake() {
        if (!done && wip.getAndIncrement() == 0) {
            hub.execute(this::drainLoop);
        }
    }

    void cancel() {
        done = true;
    }

    private void drainLoop() {
        int missed = 1;
        do {
            try {
                drain();
            } catch (Exception e) {
                if (!(e instanceof CompactedRevisionException)) {
                    LOG.warn("watch stream failed at revision {}: {}", cursor, e.toString());
                }
                finish(hub.error(e));
            }
            missed = wip.addAndGet(-missed);
        } while (missed != 0);
    }

    private void drain() throws Exception {
        if (!started && !done && observer.isReady()) {
            started = true;
            send(List.of(), hub.revision());
        }
        boolean progressOwed = false;
        while (!done && observer.isReady()) {
            long published = hub.revision();
            if (cursor >= published) {
                if (progressOwed) {
                    send(List.of(), published);
                }
                return;
            }
            List<Event> batch = hub.eventsAfter(cursor);
            List<Event> matching = new ArrayList<>();
            for (Event e : batch) {
                Event kept = filter.apply(e);
                if (kept != null) {
                    matching.add(kept);
                }
            }
            cursor = batch.get(batch.size() - 1).getRevision();
            if (matching.isEmpty()) {
                progressOwed = true;
            } else {
                for (List<Event> chunk : EventChunks.split(matching, EventChunks.DEFAULT_BUDGET_BYTES)) {
                    send(chunk, Math.max(published, cursor));
                }
                progressOwed = false;
            }
        }
    }

    private void send(List<Event> events, long revision) {
        observer.onNext(WatchResponse.newBuilder()
                .addAllEvents(events)
                .setRevision(revision)
                .build());
    }

    private void finish(io.grpc.StatusRuntimeException error) {
        if (!done) {
            done = true;
            hub.remove(this);
            try {
                observer.onError(error);
            } catch (RuntimeException e) {
                LOG.debug("watch stream already closed: {}", e.toString());
            }
        }
    }
}
