package io.raftbeat.watch;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ServerCallStreamObserver;
import io.raftbeat.proto.v1.Event;
import io.raftbeat.proto.v1.WatchRequest;
import io.raftbeat.proto.v1.WatchResponse;
import io.raftbeat.storage.EventLog;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import org.rocksdb.RocksDBException;

/**
 * Streams committed events to watchers. One writer, the Raft apply thread, {@link #publish}es each event after it
 * is persisted; each {@link Watcher} has its own cursor and is driven on a small shared pool, so a slow watcher
 * never blocks apply: it falls out of the in-memory tail and continues from the persisted event log.
 */
public final class WatchHub implements AutoCloseable {
    static final int BATCH = 256;

    private final EventLog log;
    /**
     * Guards {@link #tail}. Taken last: after CibStateMachine's cibLock and RocksCibStore's dbLock, never before
     * them; nothing is called out to while holding it.
     */
    private final Object lock = new Object();

    private final EventTail tail;
    private final Set<Watcher> watchers = ConcurrentHashMap.newKeySet();
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private final ExecutorService pool;

    /** Describes a failed stream to its client (the server adds Pacemaker's exit code to the status). */
    private final Function<Exception, StatusRuntimeException> errors;

    public WatchHub(EventLog log, int tailCapacity, int threads) {
        this(log, tailCapacity, threads, WatchHub::plainStatus);
    }

    public WatchHub(EventLog log, int tailCapacity, int threads, Function<Exception, StatusRuntimeException> errors) {
        this.log = log;
        this.errors = errors;
        this.tail = new EventTail(tailCapacity, log.revision());
        this.pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "watch-hub");
            t.setDaemon(true);
            return t;
        });
    }

    /** Apply thread only: the event is persisted; make it visible to watchers. */
    public void publish(Event event) {
        synchronized (lock) {
            tail.add(event);
        }
        watchers.forEach(Watcher::wake);
        listeners.forEach(Runnable::run);
    }

    /** Apply thread only: the whole state was replaced (snapshot installed); continue after {@code revision}. */
    public void reset(long revision) {
        synchronized (lock) {
            tail.reset(revision);
        }
        watchers.forEach(Watcher::wake);
        listeners.forEach(Runnable::run);
    }

    /** Calls {@code listener} on the apply thread after each new revision (or reset); it must not block. */
    public void onRevision(Runnable listener) {
        listeners.add(listener);
    }

    /** The newest published revision. */
    public long revision() {
        synchronized (lock) {
            return tail.last();
        }
    }

    /**
     * Starts streaming events with revision > {@code from_revision} (0: from now) to {@code observer}, until the
     * client cancels. A revision that retention dropped fails the call with FAILED_PRECONDITION.
     */
    public void watch(WatchRequest request, ServerCallStreamObserver<WatchResponse> observer) {
        long from = request.getFromRevision() == 0 ? revision() : request.getFromRevision();
        if (from + 1 < log.firstRetained()) {
            observer.onError(errors.apply(new CompactedRevisionException(from, log.firstRetained())));
            return;
        }
        Watcher w = new Watcher(this, EventFilter.of(request), observer, from);
        watchers.add(w);
        observer.setOnCancelHandler(() -> {
            w.cancel();
            watchers.remove(w);
        });
        observer.setOnReadyHandler(w::wake);
        w.wake();
    }

    /** Events after {@code after}, from memory when the tail still holds them, else from the event log. */
    List<Event> eventsAfter(long after) throws RocksDBException, CompactedRevisionException {
        synchronized (lock) {
            List<Event> fromTail = tail.after(after, BATCH);
            if (fromTail != null) {
                return fromTail;
            }
        }
        List<Event> read = log.readEvents(after, BATCH);
        if (read.isEmpty() || read.get(0).getRevision() != after + 1) {
            throw new CompactedRevisionException(after, log.firstRetained());
        }
        return read;
    }

    void execute(Runnable r) {
        pool.execute(r);
    }

    void remove(Watcher w) {
        watchers.remove(w);
    }

    StatusRuntimeException error(Exception e) {
        return errors.apply(e);
    }

    private static StatusRuntimeException plainStatus(Exception e) {
        Status status = e instanceof CompactedRevisionException ? Status.FAILED_PRECONDITION : Status.UNAVAILABLE;
        return status.withDescription(e.getMessage()).asRuntimeException();
    }

    int watcherCount() {
        return watchers.size();
    }

    @Override
    public void close() {
        watchers.forEach(Watcher::cancel);
        pool.shutdownNow();
    }
}
