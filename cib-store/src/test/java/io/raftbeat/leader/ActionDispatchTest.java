package io.raftbeat.leader;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.raftbeat.cib.SafeXml;
import io.raftbeat.proto.v1.Action;
import io.raftbeat.proto.v1.ActionRef;
import io.raftbeat.proto.v1.OpResult;
import io.raftbeat.proto.v1.ResourceSpec;
import io.raftbeat.proto.v1.UpdateActionsRequest;
import io.raftbeat.scheduler.Scheduler;
import io.raftbeat.scheduler.Transition;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.w3c.dom.Document;

/** What one step of a transition issues and drops, from a CIB and the actions already in the keyspace. */
@Timeout(30)
class ActionDispatchTest {
    private static final long T = ActionDispatch.FIRST_TRANSITION;
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private static final String CIB = "<cib epoch=\"1\" num_updates=\"0\" admin_epoch=\"0\" have-quorum=\"1\">"
            + "<configuration><crm_config><cluster_property_set id=\"cps\">"
            + "<nvpair id=\"se\" name=\"stonith-enabled\" value=\"false\"/></cluster_property_set></crm_config>"
            + "<nodes><node id=\"node1\" uname=\"node1\"/><node id=\"node2\" uname=\"node2\"/></nodes><resources>"
            + "<primitive id=\"rsc1\" class=\"ocf\" provider=\"heartbeat\" type=\"Dummy\">"
            + "<instance_attributes id=\"rsc1-ia\"><nvpair id=\"rsc1-state\" name=\"state\" value=\"/run/x\"/>"
            + "</instance_attributes><operations><op id=\"rsc1-mon\" name=\"monitor\" interval=\"10s\" timeout=\"7s\"/>"
            + "</operations></primitive></resources><constraints/></configuration><status>"
            + "<node_state id=\"node1\" uname=\"node1\" in_ccm=\"true\" crmd=\"online\" join=\"member\" "
            + "expected=\"member\"/><node_state id=\"node2\" uname=\"node2\" in_ccm=\"true\" crmd=\"online\" "
            + "join=\"member\" expected=\"member\"/></status></cib>";

    @Test
    void theProbesGoFirstWithTheResourceAsConfiguredAndTheMonitorsTimeout() throws Exception {
        UpdateActionsRequest step = step(CIB, List.of(), List.of("node1", "node2"));
        assertEquals(2, step.getPutCount());
        Action probe = step.getPut(0);
        assertEquals((T + 7) + ":0", probe.getId());
        assertEquals(T + 7, probe.getTransitionId());
        assertEquals(42, probe.getInputRevision());
        assertEquals("monitor", probe.getOperation());
        assertEquals(0, probe.getIntervalMs());
        assertEquals(7, probe.getTargetRc());
        assertEquals(7_000, probe.getTimeoutMs());
        assertEquals("/run/x", probe.getResource().getParametersOrThrow("state"));
        assertEquals("Dummy", probe.getResource().getType());
        assertEquals(0, step.getDeleteCount());
    }

    @Test
    void aResourceWithAnActionInFlightWaitsAndAnOfflineNodesActionIsDropped() throws Exception {
        Action inFlight = action("node1", "3:0", "monitor", 0, null);
        Action offline = action("node3", "3:1", "monitor", 0, null);
        UpdateActionsRequest step = step(CIB, List.of(inFlight, offline), List.of("node1", "node2"));
        assertEquals(0, step.getPutCount(), "rsc1 waits for its probe on node1");
        assertEquals(List.of(ref("node3", "3:1")), step.getDeleteList());
        Action byHand = action("node3", "3:1", "monitor", 0, null).toBuilder()
                .setTransitionId(3)
                .build();
        assertEquals(0, step(CIB, List.of(inFlight, byHand), List.of("node1")).getDeleteCount(), "not the scheduler's");
    }

    @Test
    void finishedActionsAreDroppedButAMonitorInForceStays() {
        OpResult ok = OpResult.newBuilder().setRcCode(0).build();
        Action start = action("node1", "5:1", "start", 0, ok);
        Action monitor = action("node1", "5:2", "monitor", 10_000, ok);
        Action oldMonitor = action("node1", "4:2", "monitor", 10_000, ok);
        assertEquals(
                List.of(ref("node1", "5:1"), ref("node1", "4:2")),
                ActionRetention.finished(List.of(monitor, start, oldMonitor)));
        Action stop = action("node1", "6:0", "stop", 0, ok);
        assertEquals(
                List.of(ref("node1", "5:1"), ref("node1", "5:2"), ref("node1", "6:0")),
                ActionRetention.finished(List.of(start, monitor, stop)));
        Action failed = action(
                "node1",
                "5:2",
                "monitor",
                10_000,
                OpResult.newBuilder().setRcCode(7).build());
        assertEquals(List.of(ref("node1", "5:2")), ActionRetention.finished(List.of(failed)));
    }

    private static UpdateActionsRequest step(String xml, List<Action> existing, List<String> online) throws Exception {
        Document cib = SafeXml.parse(xml, 1 << 20);
        Transition t = Scheduler.schedule(cib, NOW);
        return ActionDispatch.next(t, existing, online, T + 7, 42, new ActionSpecs(cib));
    }

    private static Action action(String node, String id, String op, long interval, OpResult result) {
        Action.Builder a = Action.newBuilder()
                .setNode(node)
                .setId(id)
                .setTransitionId(T + Long.parseLong(id.substring(0, id.indexOf(':'))))
                .setResource(ResourceSpec.newBuilder().setId("rsc1"))
                .setOperation(op)
                .setIntervalMs(interval);
        if (result != null) {
            a.setResult(result);
        }
        return a.build();
    }

    private static ActionRef ref(String node, String id) {
        return ActionRef.newBuilder().setNode(node).setId(id).build();
    }
}
