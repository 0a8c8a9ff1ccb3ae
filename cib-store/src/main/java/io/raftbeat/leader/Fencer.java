package io.raftbeat.leader;

import io.raftbeat.proto.v1.Action;
import io.raftbeat.proto.v1.Command;
import io.raftbeat.proto.v1.FenceAttempt;
import io.raftbeat.proto.v1.FenceOperation;
import io.raftbeat.proto.v1.FenceState;
import io.raftbeat.proto.v1.FenceStep;
import io.raftbeat.proto.v1.UpdateActionsRequest;
import io.raftbeat.raft.Commands;
import io.raftbeat.raft.RaftCibStore;
import io.raftbeat.raft.RaftUnavailableException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.w3c.dom.Document;

/**
 * The leader's fencer (Pacemaker's pacemaker-fenced with the controller's fencing requests), run by a {@link
 * LeaderLoop}. A request for a node becomes one replicated {@link FenceOperation}; a request for a node whose
 * operation is pending joins it, and a scheduler request computed before the node's last fencing completed is
 * answered by that fencing (the node must not be fenced twice for one failure). Each run commits one {@link
 * FenceStep}: a new operation with its first attempt, or the next step {@link FenceSteps} computes for a pending
 * one. A person's confirmation (stonith_admin --confirm) ends the node's pending operation, or records a new one,
 * as done. {@code onFenced} hears of every node fenced, on a Raft callback thread.
 */
public final class Fencer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Fencer.class);

    static final String MANUAL = "manual confirmation";
    /** A scheduler request after a failed operation waits this long, so a device that cannot work is not hammered. */
    static final long FAILED_BACKOFF_MS = 10_000;

    private final Supplier<RaftCibStore> raft;
    private final Commands commands;
    private final Clock clock;
    private final String member;
    private final LeaderLoop loop;
    private final Map<String, Request> requests = new LinkedHashMap<>(); // guarded by itself
    private volatile Request inFlight; // the request whose step is being committed

    private record Request(
            String target,
            String action,
            String reason,
            String origin,
            long inputRevision,
            boolean confirm,
            List<CompletableFuture<FenceOperation>> answers) {
        void answer(FenceOperation op) {
            answers.forEach(a -> a.complete(op));
        }
    }

    private record State(Document cib, List<FenceOperation> history, List<Action> actions, List<String> online) {}

    /** @param member this store member's id, named as the origin of the scheduler's requests */
    public Fencer(
            Supplier<RaftCibStore> raft,
            Commands commands,
            ScheduledExecutorService thread,
            Clock clock,
            String member,
            Consumer<String> onFenced) {
        this.raft = raft;
        this.commands = commands;
        this.clock = clock;
        this.member = member;
        this.loop = new LeaderLoop("fencer", raft, thread, new LeaderLoop.Body() {
            @Override
            public void start(long term) {}

            @Override
            public Command step() throws Exception {
                return run();
            }

            @Override
            public void committed(Command step, Throwable failure) {
                FenceOperation op = step.getFenceStep().getOperation();
                Request r = inFlight;
                inFlight = null;
                if (r != null) {
                    if (failure == null) {
                        r.answer(op);
                    } else {
                        r.answers().forEach(a -> a.completeExceptionally(failure));
                    }
                }
                if (failure == null
                        && op.getState() == FenceState.FENCE_DONE
                        && !op.getAction().equals("on")) {
                    onFenced.accept(op.getTarget());
                }
            }
        });
    }

    /** The origin of the scheduler's requests, as "client on host". */
    String schedulerOrigin() {
        return "scheduler on " + member;
    }

    /** Apply thread: this member leads from now. */
    public void onLeaderStart(long term) {
        loop.onLeaderStart(term);
    }

    /** Apply thread: this member no longer leads; queued requests fail (their callers retry on the new leader). */
    public void onLeaderStop() {
        loop.onLeaderStop();
        List<Request> dropped;
        synchronized (requests) {
            dropped = new ArrayList<>(requests.values());
            requests.clear();
        }
        Request uncommitted = inFlight; // its step may never be proposed now
        inFlight = null;
        if (uncommitted != null) {
            dropped.add(uncommitted);
        }
        RaftUnavailableException gone = new RaftUnavailableException("this member is no longer the leader");
        dropped.forEach(r -> r.answers().forEach(a -> a.completeExceptionally(gone)));
    }

    /** Any thread: the state may have changed. */
    public void wake() {
        loop.wake();
    }

    /**
     * Any thread: fence {@code target} ({@code action} reboot, off or on). Completes with the operation once it is
     * recorded: a new pending one, or the one that answers it. {@code inputRevision}: the revision the request was
     * computed from (0 for a person's request, which always fences).
     */
    public CompletableFuture<FenceOperation> request(
            String target, String action, String reason, String origin, long inputRevision) {
        return enqueue(new Request(target, action, reason, origin, inputRevision, false, new ArrayList<>()));
    }

    /** Any thread: a person says {@code target} is down. Completes with the operation recorded done. */
    public CompletableFuture<FenceOperation> confirm(String target, String origin) {
        return enqueue(new Request(target, "reboot", "", origin, 0, true, new ArrayList<>()));
    }

    private CompletableFuture<FenceOperation> enqueue(Request r) {
        CompletableFuture<FenceOperation> answer = new CompletableFuture<>();
        synchronized (requests) {
            String key = (r.confirm() ? "confirm " : "fence ") + r.target();
            Request queued = requests.get(key);
            if (queued != null) {
                queued.answers().add(answer); // two requests for one node are one operation
            } else {
                r.answers().add(answer);
                requests.put(key, r);
            }
        }
        wake();
        return answer;
    }

    private Command run() throws Exception {
        RaftCibStore r = raft.get();
        State s = r.readLocal((cib, revision) -> new State(
                        (Document) cib.document().cloneNode(true),
                        r.stateMachine().fencing().list(""),
                        r.stateMachine().actions().list(""),
                        OnlineNodes.of(cib)))
                .get();
        long now = clock.millis();
        Map<String, FenceOperation> pending = new LinkedHashMap<>();
        Map<String, FenceOperation> latest = new HashMap<>();
        for (FenceOperation op : s.history()) {
            latest.put(op.getTarget(), op);
            if (op.getState() == FenceState.FENCE_PENDING) {
                pending.put(op.getTarget(), op);
            }
        }
        FenceSteps.Inputs in = inputs(s, pending, now);
        Request next = nextRequest(pending, latest, now);
        if (next != null) {
            inFlight = next;
            FenceStep step = next.confirm()
                    ? confirmed(next, pending.get(next.target()), now)
                    : FenceSteps.next(opened(next, now), in).step().orElseThrow();
            return commands.fenceStep(step, next.origin());
        }
        long wakeAt = 0;
        for (FenceOperation op : pending.values()) {
            FenceSteps.Decision d = FenceSteps.next(op, in);
            if (d.step().isPresent()) {
                return commands.fenceStep(d.step().get(), "fencer");
            }
            if (d.wakeAtMs() > 0 && (wakeAt == 0 || d.wakeAtMs() < wakeAt)) {
                wakeAt = d.wakeAtMs();
            }
        }
        if (wakeAt > 0) {
            loop.wakeAfter(Duration.ofMillis(wakeAt - now));
        }
        return null;
    }

    /** Answers the queued requests the history answers; returns (and dequeues) the first that needs a write. */
    private Request nextRequest(Map<String, FenceOperation> pending, Map<String, FenceOperation> latest, long now) {
        synchronized (requests) {
            for (Iterator<Request> it = requests.values().iterator(); it.hasNext(); ) {
                Request q = it.next();
                it.remove();
                FenceOperation open = pending.get(q.target());
                FenceOperation last = latest.get(q.target());
                if (q.confirm()) {
                    return q;
                } else if (open != null) {
                    q.answer(open);
                } else if (last != null && q.inputRevision() > 0 && answers(last, q, now)) {
                    q.answer(last);
                } else {
                    return q;
                }
            }
        }
        return null;
    }

    /** The node's last operation answers a scheduler request: it completed after the request's input, or failed
     * so recently that trying again at once would fail the same way. */
    private static boolean answers(FenceOperation last, Request q, long now) {
        return (last.getState() == FenceState.FENCE_DONE && last.getCompletedRevision() > q.inputRevision())
                || (last.getState() == FenceState.FENCE_FAILED && now - last.getCompletedMs() < FAILED_BACKOFF_MS);
    }

    private static FenceOperation opened(Request q, long now) {
        return FenceOperation.newBuilder()
                .setId(q.target() + ":" + now)
                .setTarget(q.target())
                .setAction(q.action())
                .setOrigin(q.origin())
                .setReason(q.reason())
                .setState(FenceState.FENCE_PENDING)
                .setRequestedMs(now)
                .build();
    }

    /** The pending operation (or a new one) done by a person's word; its running attempt's action is dropped. */
    private static FenceStep confirmed(Request q, FenceOperation open, long now) {
        FenceOperation.Builder op = (open != null ? open : opened(q, now)).toBuilder();
        UpdateActionsRequest.Builder actions = UpdateActionsRequest.newBuilder();
        for (int i = 0; i < op.getAttemptsCount(); i++) {
            FenceAttempt a = op.getAttempts(i);
            if (a.getFinishedMs() == 0) {
                op.setAttempts(
                        i,
                        a.toBuilder()
                                .setExitReason("abandoned: confirmed by " + q.origin())
                                .setFinishedMs(now));
                actions.addDelete(io.raftbeat.proto.v1.ActionRef.newBuilder()
                        .setNode(a.getExecutor())
                        .setId(a.getActionId()));
            }
        }
        op.setState(FenceState.FENCE_DONE)
                .setDevice(MANUAL)
                .setDelegate("")
                .setOrigin(q.origin())
                .setCompletedMs(now)
                .setDetail("");
        return FenceStep.newBuilder().setOperation(op).setActions(actions).build();
    }

    private static FenceSteps.Inputs inputs(State s, Map<String, FenceOperation> pending, long now) {
        FenceDevices devices = new FenceDevices(s.cib());
        ActionSpecs specs = new ActionSpecs(s.cib());
        Map<String, Action> byKey = new HashMap<>();
        s.actions().forEach(a -> byKey.put(a.getNode() + "\0" + a.getId(), a));
        List<String> executors =
                s.online().stream().filter(n -> !pending.containsKey(n)).toList();
        return new FenceSteps.Inputs(
                devices::plan,
                executors,
                (node, id) -> byKey.get(node + "\0" + id),
                specs::resource,
                devices::timeoutMs,
                devices.maxAttempts(),
                now);
    }

    private static void log(FenceOperation op) {
        FenceAttempt last = op.getAttemptsCount() == 0 ? null : op.getAttempts(op.getAttemptsCount() - 1);
        LOG.info(
                "{} of {} ({}): {}{}{}",
                op.getAction(),
                op.getTarget(),
                op.getId(),
                op.getState(),
                last == null
                        ? ""
                        : ", attempt " + op.getAttemptsCount() + ": " + last.getDevice() + " on " + last.getExecutor()
                                + (last.getFinishedMs() == 0 ? " running" : " rc " + last.getRcCode()),
                op.getDetail().isEmpty() ? "" : ", " + op.getDetail());
    }

    @Override
    public void close() {
        onLeaderStop();
    }
}
