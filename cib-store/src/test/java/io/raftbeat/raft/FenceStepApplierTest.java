package io.raftbeat.raft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.raftbeat.proto.v1.Action;
import io.raftbeat.proto.v1.Command;
import io.raftbeat.proto.v1.Event;
import io.raftbeat.proto.v1.FenceAttempt;
import io.raftbeat.proto.v1.FenceOperation;
import io.raftbeat.proto.v1.FenceState;
import io.raftbeat.proto.v1.FenceStep;
import io.raftbeat.proto.v1.OpResult;
import io.raftbeat.proto.v1.ResourceSpec;
import io.raftbeat.proto.v1.UpdateActionsRequest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The fencer's writes through the state machine: history, fence actions, the fenced node's status, events. */
@Timeout(60)
class FenceStepApplierTest extends AbstractStateMachineTest {
    private static final ResourceSpec DEVICE = ResourceSpec.newBuilder()
            .setId("fence1")
            .setResourceClass("stonith")
            .setType("fence_dummy")
            .build();

    private static FenceOperation pending(String id) {
        return FenceOperation.newBuilder()
                .setId(id)
                .setTarget("node2")
                .setAction("reboot")
                .setOrigin("scheduler")
                .setReason("d1 failed there")
                .setState(FenceState.FENCE_PENDING)
                .setRequestedMs(1000)
                .build();
    }

    private static Action fenceAction() {
        return Action.newBuilder()
                .setId("fence:node2:1000:1")
                .setNode("node1")
                .setResource(DEVICE)
                .setOperation("reboot")
                .setTimeoutMs(60000)
                .setFenceTarget("node2")
                .build();
    }

    private static Command step(FenceOperation op, UpdateActionsRequest.Builder actions) {
        return COMMANDS.fenceStep(
                FenceStep.newBuilder().setOperation(op).setActions(actions).build(), "fencer");
    }

    private static OpResult started(String node, String rsc) {
        return OpResult.newBuilder()
                .setResource(ResourceSpec.newBuilder()
                        .setId(rsc)
                        .setResourceClass("ocf")
                        .setProvider("heartbeat")
                        .setType("Dummy"))
                .setOperation("start")
                .setCallId(3)
                .build();
    }

    @Test
    void aSuccessfulRebootClearsTheTargetAndItsResultStaysOutOfTheLrmHistory() throws Exception {
        Member m = member("a");
        CibStateMachine fsm = m.fsm();
        FenceOperation op = pending("node2:1000").toBuilder()
                .addAttempts(FenceAttempt.newBuilder()
                        .setDevice("fence1")
                        .setExecutor("node1")
                        .setLevel(1)
                        .setActionId("fence:node2:1000:1")
                        .setStartedMs(1000))
                .build();
        OpResult fenced = OpResult.newBuilder()
                .setResource(DEVICE)
                .setOperation("reboot")
                .setCallId(7)
                .setActionId("fence:node2:1000:1")
                .build();
        FenceOperation done = op.toBuilder()
                .setAttempts(0, op.getAttempts(0).toBuilder().setFinishedMs(2000))
                .setState(FenceState.FENCE_DONE)
                .setDelegate("node1")
                .setDevice("fence1")
                .setCompletedMs(2000)
                .build();
        fsm.onApply(new LogEntries(
                1,
                List.of(
                        COMMANDS.nodeJoin("node1"),
                        COMMANDS.nodeJoin("node2"),
                        COMMANDS.report("node2", List.of(started("node2", "d1"))),
                        COMMANDS.updateActions(
                                UpdateActionsRequest.newBuilder()
                                        .addPut(AgentCommandsTest.action("node2", "1:0"))
                                        .build(),
                                "test"),
                        step(op, UpdateActionsRequest.newBuilder().addPut(fenceAction())),
                        COMMANDS.report("node1", List.of(fenced)))));
        String before = fsm.read((cib, rev) -> cib.toXml());
        assertFalse(before.contains("fence1_last_0"), "a fence result is not an lrm operation: " + before);
        Action reported = fsm.read((cib, rev) -> fsm.actions().get("node1", "fence:node2:1000:1"));
        assertEquals(7, reported.getResult().getCallId());

        fsm.onApply(new LogEntries(
                7,
                List.of(step(
                        done,
                        UpdateActionsRequest.newBuilder()
                                .addDelete(io.raftbeat.proto.v1.ActionRef.newBuilder()
                                        .setNode("node1")
                                        .setId(reported.getId()))))));
        String xml = fsm.read((cib, rev) -> cib.toXml());
        assertTrue(
                xml.contains("<node_state id=\"node2\" crm-debug-origin=\"raftbeat\" crmd=\"offline\""
                        + " expected=\"down\" in_ccm=\"false\" join=\"down\" uname=\"node2\"/>"),
                xml);
        assertFalse(xml.contains("d1_last_0"), "the fenced node's lrm history is erased: " + xml);
        assertTrue(fsm.read((cib, rev) -> fsm.actions().list("node2")).isEmpty(), "a fenced node's actions go");
        assertNull(fsm.read((cib, rev) -> fsm.actions().get("node1", reported.getId())));
        FenceOperation stored = fsm.read((cib, rev) -> fsm.fencing().get("node2", "node2:1000"));
        assertEquals(FenceState.FENCE_DONE, stored.getState());
        assertEquals(fsm.revision(), stored.getCompletedRevision());

        List<Event> events = m.store().readEvents(0, 100);
        assertEquals(
                List.of(
                        "node-join",
                        "node-join",
                        "op-result",
                        "actions-update",
                        "fence-request",
                        "op-result",
                        "fenced"),
                events.stream().map(Event::getKind).toList());
        assertEquals(
                "reboot of node2 requested by scheduler: d1 failed there",
                events.get(4).getSummary());
        assertEquals(
                "reboot of node2 by device fence1 on node1: done", events.get(5).getSummary());
        assertEquals(
                "reboot of node2 succeeded: device fence1 run by node1",
                events.get(6).getSummary());
    }

    @Test
    void oneOperationPendingPerTargetAndTheHistoryIsBoundedAndPersisted() throws Exception {
        Member m = member("a");
        CibStateMachine fsm = m.fsm();
        List<Command> log = new ArrayList<>();
        for (int i = 0; i < FenceTable.KEPT_PER_TARGET + 5; i++) {
            FenceOperation op =
                    pending("node2:" + i).toBuilder().setRequestedMs(i).build();
            log.add(step(op, UpdateActionsRequest.newBuilder()));
            log.add(step(
                    op.toBuilder()
                            .setState(FenceState.FENCE_FAILED)
                            .setDetail("device failed")
                            .build(),
                    UpdateActionsRequest.newBuilder()));
        }
        log.add(step(pending("node2:open"), UpdateActionsRequest.newBuilder()));
        log.add(step(pending("node2:second"), UpdateActionsRequest.newBuilder()));
        fsm.onApply(new LogEntries(1, log));
        List<FenceOperation> history = fsm.read((cib, rev) -> fsm.fencing().list("node2"));
        assertEquals(FenceTable.KEPT_PER_TARGET + 1, history.size());
        assertEquals("node2:5", history.get(0).getId(), "the oldest finished operations are pruned");
        assertEquals(
                "node2:open",
                fsm.read((cib, rev) -> fsm.fencing().pending("node2"))
                        .orElseThrow()
                        .getId());
        assertNull(fsm.read((cib, rev) -> fsm.fencing().get("node2", "node2:second")), "a second pending is refused");

        close();
        CibStateMachine again = member("a").fsm();
        assertEquals(history, again.read((cib, rev) -> again.fencing().list("node2")));
    }

    @Test
    void aSuccessfulUnfencingMarksTheNodeUnfencedAndLeavesItOnline() throws Exception {
        CibStateMachine fsm = member("a").fsm();
        FenceOperation on = pending("node2:5").toBuilder()
                .setAction("on")
                .setState(FenceState.FENCE_DONE)
                .setDelegate("node1")
                .setDevice("fence1")
                .setCompletedMs(1_700_000_123_000L)
                .build();
        fsm.onApply(new LogEntries(
                1,
                List.of(
                        COMMANDS.nodeJoin("node2"),
                        COMMANDS.report("node2", List.of(started("node2", "d1"))),
                        step(on, UpdateActionsRequest.newBuilder()))));
        String xml = fsm.read((cib, rev) -> cib.toXml());
        assertTrue(xml.contains("name=\"#node-unfenced\" value=\"1700000123\""), xml);
        assertTrue(xml.contains("crmd=\"online\""), "unfencing is no reboot: " + xml);
        assertTrue(xml.contains("d1_last_0"), "nor does it erase the history: " + xml);
    }
}
