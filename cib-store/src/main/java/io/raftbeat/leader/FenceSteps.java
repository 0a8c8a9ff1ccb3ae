package io.raftbeat.leader;

import io.raftbeat.proto.v1.Action;
import io.raftbeat.proto.v1.FenceAttempt;
import io.raftbeat.proto.v1.FenceOperation;
import io.raftbeat.proto.v1.FenceState;
import io.raftbeat.proto.v1.FenceStep;
import io.raftbeat.proto.v1.OpResult;
import io.raftbeat.proto.v1.ResourceSpec;
import io.raftbeat.proto.v1.UpdateActionsRequest;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The next step of one pending fencing operation, from the replicated state alone: finish the attempt whose fence
 * action reported (or whose executor left), then succeed when a whole level has, fail when every level failed
 * {@code maxRounds} times, or start the next attempt: the next device of the level after a success, the first of
 * the next level (round robin) after a failure, pausing {@link #ROUND_PAUSE_MS} before each new round. An attempt
 * runs on an online node other than the target and the nodes being fenced, a different one on each attempt when
 * there is a choice. Pure.
 */
final class FenceSteps {
    static final long ROUND_PAUSE_MS = 1000;

    /** What the fencer knows besides the operation. */
    record Inputs(
            Function<String, List<FenceDevices.Level>> plans,
            Collection<String> executors,
            BiFunction<String, String, Action> actions,
            Function<String, ResourceSpec> devices,
            BiFunction<String, String, Long> timeoutMs,
            int maxRounds,
            long nowMs) {}

    /** A step to commit (or none), and when to look again if nothing else happens (0: no need). */
    record Decision(Optional<FenceStep> step, long wakeAtMs) {
        static Decision waiting(long wakeAtMs) {
            return new Decision(Optional.empty(), wakeAtMs);
        }
    }

    private FenceSteps() {}

    static Decision next(FenceOperation op, Inputs in) {
        List<FenceDevices.Level> plan = in.plans().apply(op.getTarget());
        FenceOperation.Builder b = op.toBuilder();
        UpdateActionsRequest.Builder actions = UpdateActionsRequest.newBuilder();
        int last = op.getAttemptsCount() - 1;
        if (last >= 0 && op.getAttempts(last).getFinishedMs() == 0) {
            FenceAttempt running = op.getAttempts(last);
            Action a = in.actions().apply(running.getExecutor(), running.getActionId());
            FenceAttempt finished;
            if (a != null && a.hasResult()) {
                finished = finish(running, a.getResult(), in.nowMs());
            } else if (a == null || !in.executors().contains(running.getExecutor())) {
                finished = running.toBuilder()
                        .setRcCode(1)
                        .setOpStatus(4)
                        .setExitReason(running.getExecutor() + " left before the device reported")
                        .setFinishedMs(in.nowMs())
                        .build();
            } else {
                return Decision.waiting(0);
            }
            if (a != null) {
                actions.addDelete(ActionDispatch.ref(a));
            }
            b.setAttempts(last, finished);
            if (!succeeded(finished)) {
                b.setDetail(
                        finished.getExitReason().isEmpty()
                                ? "device " + finished.getDevice() + " failed"
                                : finished.getExitReason());
            } else if (levelDone(plan, finished)) {
                b.setState(FenceState.FENCE_DONE)
                        .setDelegate(finished.getExecutor())
                        .setDevice(String.join(
                                ",",
                                levelOf(plan, finished)
                                        .map(FenceDevices.Level::devices)
                                        .orElse(List.of(finished.getDevice()))))
                        .setCompletedMs(in.nowMs())
                        .setDetail("");
                return commit(b, actions);
            }
        }
        FenceOperation now = b.build();
        Optional<Position> next = nextPosition(now, plan);
        if (next.isEmpty()) {
            return detail(b, actions, "no fence device can fence " + op.getTarget(), op);
        }
        long failures =
                now.getAttemptsList().stream().filter(x -> !succeeded(x)).count();
        if (failures >= (long) in.maxRounds() * plan.size()) {
            b.setState(FenceState.FENCE_FAILED).setCompletedMs(in.nowMs());
            return commit(b, actions);
        }
        if (next.get().newRound() && now.getAttemptsCount() > 0) {
            long at = now.getAttempts(now.getAttemptsCount() - 1).getFinishedMs() + ROUND_PAUSE_MS;
            if (in.nowMs() < at) {
                return actions.getDeleteCount() > 0 || !now.equals(op) ? commit(b, actions, at) : Decision.waiting(at);
            }
        }
        List<String> executors = in.executors().stream()
                .filter(n -> !n.equals(op.getTarget()))
                .sorted()
                .toList();
        String device = next.get().device();
        if (executors.isEmpty()) {
            return detail(b, actions, "no online node other than " + op.getTarget() + " can run " + device, op);
        }
        String executor = executors.get(now.getAttemptsCount() % executors.size());
        String actionId = "fence:" + op.getId() + ":" + (now.getAttemptsCount() + 1);
        b.addAttempts(FenceAttempt.newBuilder()
                .setDevice(device)
                .setExecutor(executor)
                .setLevel(next.get().level())
                .setActionId(actionId)
                .setStartedMs(in.nowMs()));
        actions.addPut(Action.newBuilder()
                .setId(actionId)
                .setNode(executor)
                .setResource(in.devices().apply(device))
                .setOperation(op.getAction())
                .setTimeoutMs(in.timeoutMs().apply(device, op.getAction()))
                .setFenceTarget(op.getTarget()));
        return commit(b, actions);
    }

    private record Position(int level, String device, boolean newRound) {}

    /** Where the next attempt goes: after the last attempt's place in the plan, by its outcome. */
    private static Optional<Position> nextPosition(FenceOperation op, List<FenceDevices.Level> plan) {
        if (plan.isEmpty()) {
            return Optional.empty();
        }
        if (op.getAttemptsCount() == 0) {
            return Optional.of(
                    new Position(plan.get(0).index(), plan.get(0).devices().get(0), false));
        }
        FenceAttempt last = op.getAttempts(op.getAttemptsCount() - 1);
        int at = 0;
        while (at < plan.size() && !placed(plan.get(at), last)) {
            at++;
        }
        if (at < plan.size() && succeeded(last)) {
            List<String> devices = plan.get(at).devices();
            return Optional.of(
                    new Position(plan.get(at).index(), devices.get(devices.indexOf(last.getDevice()) + 1), false));
        }
        int following = at + 1 < plan.size() ? at + 1 : 0;
        FenceDevices.Level level = plan.get(following);
        return Optional.of(new Position(level.index(), level.devices().get(0), following == 0));
    }

    private static boolean placed(FenceDevices.Level level, FenceAttempt a) {
        return level.index() == a.getLevel() && level.devices().contains(a.getDevice());
    }

    private static Optional<FenceDevices.Level> levelOf(List<FenceDevices.Level> plan, FenceAttempt a) {
        return plan.stream().filter(l -> placed(l, a)).findFirst();
    }

    private static boolean levelDone(List<FenceDevices.Level> plan, FenceAttempt a) {
        return levelOf(plan, a)
                .map(l -> l.devices().indexOf(a.getDevice()) == l.devices().size() - 1)
                .orElse(true);
    }

    private static boolean succeeded(FenceAttempt a) {
        return a.getFinishedMs() > 0 && a.getRcCode() == 0 && a.getOpStatus() == 0;
    }

    private static FenceAttempt finish(FenceAttempt running, OpResult r, long nowMs) {
        return running.toBuilder()
                .setRcCode(r.getRcCode())
                .setOpStatus(r.getOpStatus())
                .setExitReason(r.getExitReason())
                .setFinishedMs(nowMs)
                .build();
    }

    /** Nothing can be tried now: record why, once; the next revision (a node joining, a device added) retries. */
    private static Decision detail(
            FenceOperation.Builder b, UpdateActionsRequest.Builder actions, String why, FenceOperation op) {
        b.setDetail(why);
        if (actions.getDeleteCount() == 0 && b.build().equals(op)) {
            return Decision.waiting(0);
        }
        return commit(b, actions);
    }

    private static Decision commit(FenceOperation.Builder b, UpdateActionsRequest.Builder actions) {
        return commit(b, actions, 0);
    }

    private static Decision commit(FenceOperation.Builder b, UpdateActionsRequest.Builder actions, long wakeAtMs) {
        return new Decision(
                Optional.of(FenceStep.newBuilder()
                        .setOperation(b)
                        .setActions(actions)
                        .build()),
                wakeAtMs);
    }
}
