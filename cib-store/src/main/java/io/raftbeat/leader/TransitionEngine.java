package io.raftbeat.leader;

import io.raftbeat.proto.v1.Action;
import io.raftbeat.proto.v1.UpdateActionsRequest;
import io.raftbeat.raft.Commands;
import io.raftbeat.raft.RaftCibStore;
import io.raftbeat.scheduler.RaftQuorum;
import io.raftbeat.scheduler.Scheduler;
import io.raftbeat.scheduler.Transition;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.w3c.dom.Document;

/**
 * The leader's scheduling loop (Pacemaker's DC: policy engine and transition engine). Level-triggered:
 *
 * <pre>
 *   onLeaderStart ──► catch up (ReadIndex) ──► run
 *   run: read CIB + actions at revision R ──► Scheduler.schedule(cib, now) ──► ActionDispatch
 *        ──► commit the step (new actions, dropped ones) ──► its own revision wakes the next run
 *   wake (any applied revision), coalesced: at most one run queued, none while a step is being committed
 *   a failure-timeout expiring ──► a run at that moment (and every cluster-recheck-interval regardless)
 * </pre>
 *
 * Each run recomputes from the CIB alone, so a new leader simply continues: the actions its predecessor issued
 * are in the replicated keyspace and hold their resources until they report. Runs on its own single thread; the
 * apply thread only calls {@link #wake}, {@link #onLeaderStart} and {@link #onLeaderStop}, which never block.
 */
public final class TransitionEngine implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TransitionEngine.class);
    private static final long RETRY_MS = 50;
    /** After a run that threw: a scheduler that fails on this CIB would fail again at once. */
    private static final long FAILED_RUN_RETRY_MS = 1000;

    private static final Duration DEFAULT_RECHECK = Duration.ofMinutes(15);

    private final Supplier<RaftCibStore> raft;
    private final Commands commands;
    private final ScheduledExecutorService thread;
    private final Clock clock;
    private final Object lock = new Object();
    private long generation; // guarded by lock: bumped on every leader start and stop
    private boolean leading; // guarded by lock: caught up and scheduling
    private boolean queued; // guarded by lock: a run is submitted and has not started
    private boolean committing; // guarded by lock: a step is proposed and not applied yet
    private long term; // guarded by lock
    private long transitions; // guarded by lock: issued in this term
    private ScheduledFuture<?> recheck; // guarded by lock

    public TransitionEngine(
            Supplier<RaftCibStore> raft, Commands commands, ScheduledExecutorService thread, Clock clock) {
        this.raft = raft;
        this.commands = commands;
        this.thread = thread;
        this.clock = clock;
    }

    /** Apply thread: this member leads from now. */
    public void onLeaderStart(long newTerm) {
        long gen;
        synchronized (lock) {
            gen = ++generation;
            leading = false;
            committing = false;
            term = newTerm;
            transitions = 0;
        }
        LeaderCatchUp<Long> catchUp =
                new LeaderCatchUp<>(raft, thread, RETRY_MS, () -> current(gen), (cib, revision) -> revision, rev -> {
                    synchronized (lock) {
                        if (gen != generation) {
                            return;
                        }
                        leading = true;
                    }
                    LOG.info("scheduling from revision {}", rev);
                    wake();
                });
        thread.execute(catchUp::run);
    }

    /** Apply thread: this member no longer leads. */
    public void onLeaderStop() {
        synchronized (lock) {
            generation++;
            leading = false;
            cancelRecheck();
        }
    }

    /** Apply thread (after every applied entry) and timers: the CIB may have changed; schedule a run. */
    public void wake() {
        synchronized (lock) {
            if (!leading || queued || committing) {
                return;
            }
            queued = true;
        }
        thread.execute(this::run);
    }

    private void run() {
        long gen;
        long transitionId;
        synchronized (lock) {
            queued = false;
            if (!leading || committing) {
                return;
            }
            gen = generation;
            transitionId = term * ActionDispatch.TRANSITIONS_PER_TERM + transitions + 1;
        }
        RaftCibStore r = raft.get();
        try {
            Input in = r.readLocal((cib, revision) -> new Input(
                            (Document) cib.document().cloneNode(true),
                            r.stateMachine().actions().list(""),
                            OnlineNodes.of(cib),
                            revision))
                    .get();
            RaftQuorum.mark(in.cib());
            Instant now = clock.instant();
            Transition t = Scheduler.schedule(in.cib(), now);
            UpdateActionsRequest step = ActionDispatch.next(
                    t, in.actions(), in.online(), transitionId, in.revision(), new ActionSpecs(in.cib()));
            recheckAt(gen, t.recheckAt().orElse(now.plus(DEFAULT_RECHECK)), now);
            if (step.getPutCount() == 0 && step.getDeleteCount() == 0) {
                return;
            }
            commit(gen, step, t, transitionId);
        } catch (Exception | Error e) {
            LOG.warn("scheduler run failed, retrying in {} ms: {}", FAILED_RUN_RETRY_MS, e.toString(), e);
            thread.schedule(this::wake, FAILED_RUN_RETRY_MS, TimeUnit.MILLISECONDS);
        }
    }

    private void commit(long gen, UpdateActionsRequest step, Transition t, long transitionId) {
        synchronized (lock) {
            if (gen != generation) {
                return;
            }
            committing = true;
            if (step.getPutCount() > 0) {
                transitions++;
            }
        }
        if (step.getPutCount() > 0) {
            List<String> summary = t.summary();
            LOG.info(
                    "transition {}: {} of {} actions issued{}{}",
                    transitionId,
                    step.getPutCount(),
                    t.actions().size(),
                    summary.isEmpty() ? "" : "; " + String.join("; ", summary.subList(0, Math.min(5, summary.size()))),
                    summary.size() > 5 ? "; and " + (summary.size() - 5) + " more" : "");
        }
        raft.get().propose(commands.updateActions(step, "scheduler")).whenComplete((ok, e) -> {
            synchronized (lock) {
                committing = false;
            }
            if (e != null) {
                LOG.warn("could not commit transition {}: {}", transitionId, e.toString());
                thread.schedule(this::wake, RETRY_MS, TimeUnit.MILLISECONDS);
            } else {
                wake();
            }
        });
    }

    private void recheckAt(long gen, Instant at, Instant now) {
        long delayMs = Math.max(0, Duration.between(now, at).toMillis());
        synchronized (lock) {
            if (gen != generation) {
                return;
            }
            cancelRecheck();
            recheck = thread.schedule(this::wake, delayMs, TimeUnit.MILLISECONDS);
        }
    }

    private void cancelRecheck() {
        if (recheck != null) {
            recheck.cancel(false);
            recheck = null;
        }
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

    private record Input(Document cib, List<Action> actions, List<String> online, long revision) {}
}
