package io.raftbeat.leader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.raftbeat.proto.v1.Action;
import io.raftbeat.proto.v1.FenceAttempt;
import io.raftbeat.proto.v1.FenceOperation;
import io.raftbeat.proto.v1.FenceState;
import io.raftbeat.proto.v1.FenceStep;
import io.raftbeat.proto.v1.OpResult;
import io.raftbeat.proto.v1.ResourceSpec;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The fencer's pure step: attempts, escalation through levels, success, failure, waiting. */
@Timeout(10)
class FenceStepsTest {
    private static final List<FenceDevices.Level> TWO_LEVELS =
            List.of(new FenceDevices.Level(1, List.of("ipmi")), new FenceDevices.Level(2, List.of("pdu-a", "pdu-b")));

    private final Map<String, Action> actions = new HashMap<>();

    private FenceSteps.Inputs inputs(List<FenceDevices.Level> plan, List<String> executors, long now) {
        return new FenceSteps.Inputs(
                target -> plan,
                executors,
                (node, id) -> actions.get(node + "/" + id),
                id -> ResourceSpec.newBuilder()
                        .setId(id)
                        .setResourceClass("stonith")
                        .setType("fence_dummy")
                        .build(),
                (device, action) -> 30_000L,
                2,
                now);
    }

    private static FenceOperation op() {
        return FenceOperation.newBuilder()
                .setId("node2:1")
                .setTarget("node2")
                .setAction("reboot")
                .setState(FenceState.FENCE_PENDING)
                .build();
    }

    private FenceOperation apply(FenceStep step) {
        step.getActions().getDeleteList().forEach(d -> actions.remove(d.getNode() + "/" + d.getId()));
        step.getActions().getPutList().forEach(a -> actions.put(a.getNode() + "/" + a.getId(), a));
        return step.getOperation();
    }

    private void report(FenceOperation op, int rc) {
        FenceAttempt last = op.getAttempts(op.getAttemptsCount() - 1);
        String key = last.getExecutor() + "/" + last.getActionId();
        actions.put(
                key,
                actions.get(key).toBuilder()
                        .setResult(OpResult.newBuilder().setRcCode(rc).setExitReason(rc == 0 ? "" : "device said no"))
                        .build());
    }

    @Test
    void escalatesToTheNextLevelAndNeedsEveryDeviceOfALevel() {
        FenceOperation op = apply(FenceSteps.next(op(), inputs(TWO_LEVELS, List.of("node1", "node2", "node3"), 10))
                .step()
                .orElseThrow());
        FenceAttempt first = op.getAttempts(0);
        assertEquals("ipmi", first.getDevice());
        assertTrue(!first.getExecutor().equals("node2"), "a node does not fence itself");
        Action a = actions.get(first.getExecutor() + "/" + first.getActionId());
        assertEquals("node2", a.getFenceTarget());
        assertEquals("reboot", a.getOperation());
        assertEquals(30_000, a.getTimeoutMs());
        assertTrue(
                FenceSteps.next(op, inputs(TWO_LEVELS, List.of("node1", "node3"), 20))
                        .step()
                        .isEmpty(),
                "an attempt in flight is waited for");

        report(op, 1);
        op = apply(FenceSteps.next(op, inputs(TWO_LEVELS, List.of("node1", "node3"), 30))
                .step()
                .orElseThrow());
        assertEquals(2, op.getAttemptsCount());
        assertEquals("device said no", op.getDetail());
        assertEquals("pdu-a", op.getAttempts(1).getDevice());
        assertEquals(2, op.getAttempts(1).getLevel());
        assertTrue(!op.getAttempts(1).getExecutor().equals(first.getExecutor()), "a retry moves to another node");

        report(op, 0);
        op = apply(FenceSteps.next(op, inputs(TWO_LEVELS, List.of("node1", "node3"), 40))
                .step()
                .orElseThrow());
        assertEquals(FenceState.FENCE_PENDING, op.getState(), "pdu-b of the same level is still to run");
        assertEquals("pdu-b", op.getAttempts(2).getDevice());

        report(op, 0);
        op = apply(FenceSteps.next(op, inputs(TWO_LEVELS, List.of("node1", "node3"), 50))
                .step()
                .orElseThrow());
        assertEquals(FenceState.FENCE_DONE, op.getState());
        assertEquals("pdu-a,pdu-b", op.getDevice());
        assertEquals(50, op.getCompletedMs());
        assertTrue(actions.isEmpty(), "finished fence actions are dropped");
    }

    @Test
    void anExecutorThatLeavesFailsItsAttemptAndEveryRoundFailingFailsTheOperation() {
        List<FenceDevices.Level> one = List.of(new FenceDevices.Level(1, List.of("ipmi")));
        FenceOperation op = apply(
                FenceSteps.next(op(), inputs(one, List.of("node1"), 0)).step().orElseThrow());
        op = apply(
                FenceSteps.next(op, inputs(one, List.of("node3"), 100)).step().orElseThrow());
        assertEquals("node1 left before the device reported", op.getAttempts(0).getExitReason());
        assertEquals(1, op.getAttemptsCount(), "a new round waits a moment");
        FenceSteps.Decision waiting = FenceSteps.next(op, inputs(one, List.of("node3"), 200));
        assertTrue(waiting.step().isEmpty());
        assertEquals(100 + FenceSteps.ROUND_PAUSE_MS, waiting.wakeAtMs());

        op = apply(
                FenceSteps.next(op, inputs(one, List.of("node3"), 1200)).step().orElseThrow());
        assertEquals("node3", op.getAttempts(1).getExecutor());
        report(op, 1);
        op = apply(
                FenceSteps.next(op, inputs(one, List.of("node3"), 1300)).step().orElseThrow());
        assertEquals(FenceState.FENCE_FAILED, op.getState(), "two rounds of one level, both failed");
    }

    @Test
    void nothingToTryIsRecordedOnceAndWaitedOut() {
        FenceOperation op = apply(FenceSteps.next(op(), inputs(List.of(), List.of("node1"), 0))
                .step()
                .orElseThrow());
        assertEquals("no fence device can fence node2", op.getDetail());
        assertTrue(FenceSteps.next(op, inputs(List.of(), List.of("node1"), 5))
                .step()
                .isEmpty());

        List<FenceDevices.Level> one = List.of(new FenceDevices.Level(1, List.of("ipmi")));
        op = apply(FenceSteps.next(op, inputs(one, List.of("node2"), 10)).step().orElseThrow());
        assertEquals("no online node other than node2 can run ipmi", op.getDetail());
        assertEquals(0, op.getAttemptsCount());
    }
}
