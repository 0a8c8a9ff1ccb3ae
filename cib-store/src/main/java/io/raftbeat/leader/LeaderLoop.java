package io.raftbeat.leader;

import io.raftbeat.proto.v1.Command;
import io.raftbeat.raft.RaftCibStore;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A level-triggered loop that only the leader runs (the transition engine, the fencer):
 *
 * <pre>
 *   onLeaderStart ──► catch up (ReadIndex) ──► run
 *   run: Body.step(term) reads the state and returns one command, or null ──► commit it ──► its revision wakes
 *        the next run
 *   wake (any applied revision, a timer), coalesced: at most one run queued, none while a step is being committed
 * </pre>
 *
 * One step at a time, each computed from the replicated state alone, so a new leader simply continues. The body
 * runs on the loop's single thread; the apply thread only calls {@link #wake}, {@link #onLeaderStart} and {@link
 * #onLeaderStop}, which never block.
 */
final class LeaderLoop implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LeaderLoop.class);
    private static final long RETRY_MS = 50;
    /** After a run that threw: a body that fails on this state would fail again at once. */
    private static final long FAILED_RUN_RETRY_MS = 1000;

    /** What the loop does each run. */
    interface Body {
        /** The loop's thread, once per term, before the first step. */
        void start(long term);

        /** The loop's thread: the next command to commit, or null when there is nothing to do now. */
        Command step() throws Exception;

        /** A Raft callback thread: {@code step} was committed ({@code failure} null) or not. */
        default void committed(Command step, Throwable failure) {}
    }

    private final String name;
    private final Supplier<RaftCibStore> raft;
    private final ScheduledExecutorService thread;
    private final Body body;
    private final Object lock = new Object();
    private long generation; // guarded by lock: bumped on every leader start and stop
    private boolean leading; // guarded by lock: caught up and running
    private boolean queued; // guarded by lock: a run is submitted and has not started
    private boolean committing; // guarded by lock: a step is proposed and not applied yet
    private ScheduledFuture<?> timer; // guarded by lock

    LeaderLoop(String name, Supplier<RaftCibStore> raft, ScheduledExecutorService thread, Body body) {
        this.name = name;
        this.raft = raft;
        this.thread = thread;
        this.body = body;
    }

    /** Apply thread: this member leads from now. */
    void onLeaderStart(long term) {
        long gen;
        synchronized (lock) {
            gen = ++generation;
            leading = false;
            committing = false;
        }
        LeaderCatchUp<Long> catchUp =
                new LeaderCatchUp<>(raft, thread, RETRY_MS, () -> current(gen), (cib, revision) -> revision, rev -> {
                    thread.execute(() -> {
                        synchronized (lock) {
                            if (gen != generation) {
                                return;
                            }
                            leading = true;
                        }
                        body.start(term);
                        LOG.info("{}: running from revision {}", name, rev);
                        wake();
                    });
                });
        thread.execute(catchUp::run);
    }

    /** Apply thread: this member no longer leads. */
    void onLeaderStop() {
        synchronized (lock) {
            generation++;
            leading = false;
            if (timer != null) {
                timer.cancel(false);
                timer = null;
            }
        }
    }

    /** Any thread: the state may have changed; schedule a run. */
    void wake() {
        synchronized (lock) {
            if (!leading || queued || committing) {
                return;
            }
            queued = true;
        }
        thread.execute(this::run);
    }

    /** The loop's thread: a run after {@code delay} even if nothing changes (replacing the previous timer). */
    void wakeAfter(Duration delay) {
        synchronized (lock) {
            if (!leading) {
                return;
            }
            if (timer != null) {
                timer.cancel(false);
            }
            timer = thread.schedule(this::wake, Math.max(0, delay.toMillis()), TimeUnit.MILLISECONDS);
        }
    }

    private void run() {
        long gen;
        synchronized (lock) {
            queued = false;
            if (!leading || committing) {
                return;
            }
            gen = generation;
        }
        Command step;
        try {
            step = body.step();
        } catch (Exception | Error e) {
            LOG.warn("{}: run failed, retrying in {} ms: {}", name, FAILED_RUN_RETRY_MS, e.toString(), e);
            thread.schedule(this::wake, FAILED_RUN_RETRY_MS, TimeUnit.MILLISECONDS);
            return;
        }
        if (step == null) {
            return;
        }
        synchronized (lock) {
            if (gen != generation) {
                return;
            }
            committing = true;
        }
        raft.get().propose(step).whenComplete((ok, e) -> {
            synchronized (lock) {
                committing = false;
            }
            body.committed(step, e);
            if (e != null) {
                LOG.warn("{}: could not commit a step: {}", name, e.toString());
                thread.schedule(this::wake, RETRY_MS, TimeUnit.MILLISECONDS);
            } else {
                wake();
            }
        });
    }

    private boolean current(long gen) {
        synchronized (lock) {
            return gen == generation;
        }
    }

    @Override
    public void close() {
        onLeaderStop();
    }
}
