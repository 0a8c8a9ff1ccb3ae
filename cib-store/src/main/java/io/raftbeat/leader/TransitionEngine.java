package io.raftbeat.leader;

import io.raftbeat.proto.v1.Action;
import io.raftbeat.proto.v1.Command;
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
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.w3c.dom.Document;

/**
 * The leader's scheduling loop (Pacemaker's DC: policy engine and transition engine), run by a {@link LeaderLoop}:
 * each run reads the CIB and the actions at revision R, calls {@code Scheduler.schedule(cib, now)}, hands the
 * fencing the transition asks for to the {@link Fencer}, and returns the step {@link ActionDispatch} makes of the
 * rest (new actions, dropped ones), whose commit wakes the next run. A failure-timeout expiring wakes a run at that
 * moment (and every cluster-recheck-interval regardless). Each run recomputes from the CIB alone, so a new leader
 * simply continues: the actions its predecessor issued are in the replicated keyspace and hold their resources
 * until they report.
 */
public final class TransitionEngine implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TransitionEngine.class);
    private static final Duration DEFAULT_RECHECK = Duration.ofMinutes(15);

    private final Supplier<RaftCibStore> raft;
    private final Commands commands;
    private final Clock clock;
    private final Fencer fencer;
    private final LeaderLoop loop;
    private long term; // loop thread only
    private long transitions; // loop thread only: issued in this term

    public TransitionEngine(
            Supplier<RaftCibStore> raft,
            Commands commands,
            ScheduledExecutorService thread,
            Clock clock,
            Fencer fencer) {
        this.raft = raft;
        this.commands = commands;
        this.clock = clock;
        this.fencer = fencer;
        this.loop = new LeaderLoop("scheduler", raft, thread, new LeaderLoop.Body() {
            @Override
            public void start(long newTerm) {
                term = newTerm;
                transitions = 0;
            }

            @Override
            public Command step() throws Exception {
                return run();
            }
        });
    }

    /** Apply thread: this member leads from now. */
    public void onLeaderStart(long newTerm) {
        loop.onLeaderStart(newTerm);
    }

    /** Apply thread: this member no longer leads. */
    public void onLeaderStop() {
        loop.onLeaderStop();
    }

    /** Apply thread (after every applied entry) and timers: the CIB may have changed; schedule a run. */
    public void wake() {
        loop.wake();
    }

    private Command run() throws Exception {
        long transitionId = term * ActionDispatch.TRANSITIONS_PER_TERM + transitions + 1;
        RaftCibStore r = raft.get();
        Input in = r.readLocal((cib, revision) -> new Input(
                        (Document) cib.document().cloneNode(true),
                        r.stateMachine().actions().list(""),
                        OnlineNodes.of(cib),
                        revision))
                .get();
        RaftQuorum.mark(in.cib());
        Instant now = clock.instant();
        Transition t = Scheduler.schedule(in.cib(), now);
        requestFencing(t, in.revision());
        UpdateActionsRequest step = ActionDispatch.next(
                t, in.actions(), in.online(), transitionId, in.revision(), new ActionSpecs(in.cib()));
        loop.wakeAfter(Duration.between(now, t.recheckAt().orElse(now.plus(DEFAULT_RECHECK))));
        if (step.getPutCount() == 0 && step.getDeleteCount() == 0) {
            return null;
        }
        if (step.getPutCount() > 0) {
            transitions++;
            log(transitionId, step, t);
        }
        return commands.updateActions(step, "scheduler");
    }

    /** The fencing that may run now: the fencer joins it to the target's pending operation, if there is one. */
    private void requestFencing(Transition t, long revision) {
        for (int i = 0; i < t.actions().size(); i++) {
            io.raftbeat.scheduler.Action a = t.actions().get(i);
            if (a.isFencing() && t.isReady(i)) {
                fencer.request(a.node(), a.operation(), a.reason(), fencer.schedulerOrigin(), revision);
            }
        }
    }

    private static void log(long transitionId, UpdateActionsRequest step, Transition t) {
        List<String> summary = t.summary();
        LOG.info(
                "transition {}: {} of {} actions issued{}{}",
                transitionId,
                step.getPutCount(),
                t.actions().size(),
                summary.isEmpty() ? "" : "; " + String.join("; ", summary.subList(0, Math.min(5, summary.size()))),
                summary.size() > 5 ? "; and " + (summary.size() - 5) + " more" : "");
    }

    @Override
    public void close() {
        loop.close();
    }

    private record Input(Document cib, List<Action> actions, List<String> online, long revision) {}
}
