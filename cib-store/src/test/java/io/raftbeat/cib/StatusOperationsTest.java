package io.raftbeat.cib;

import static io.raftbeat.cib.CibTestSupport.OPTIONS;
import static io.raftbeat.cib.CibTestSupport.modify;
import static io.raftbeat.cib.CibTestSupport.query;
import static io.raftbeat.cib.CibTestSupport.queryXPath;
import static io.raftbeat.cib.CibTestSupport.version;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.raftbeat.proto.v1.ChangeType;
import io.raftbeat.proto.v1.OpResult;
import io.raftbeat.proto.v1.ResourceSpec;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Node membership and operation history written into the status section as Pacemaker's controller writes them. */
@Timeout(30)
class StatusOperationsTest {
    static OpResult.Builder result(String rsc, String op, long intervalMs, int rc) {
        return OpResult.newBuilder()
                .setResource(ResourceSpec.newBuilder()
                        .setId(rsc)
                        .setResourceClass("ocf")
                        .setProvider("heartbeat")
                        .setType("Dummy"))
                .setOperation(op)
                .setIntervalMs(intervalMs)
                .setRcCode(rc)
                .setCallId(3)
                .setLastRcChangeMs(1_700_000_000_999L)
                .setExecTimeMs(12)
                .setQueueTimeMs(1);
    }

    private static String ops(Cib cib) throws CibException {
        return query(cib, "status");
    }

    @Test
    void joinCreatesTheNodeEntryBumpingEpochAndAnOnlineNodeState() throws Exception {
        Cib cib = Cib.empty();
        CibDelta delta = StatusOperations.nodeJoin(cib, "node1", OPTIONS);
        assertEquals("0.2.0", version(cib));
        assertEquals(
                "<node id=\"node1\" type=\"member\" uname=\"node1\"/>",
                query(cib, "nodes").replaceAll("\\s*</?nodes>\\s*", ""));
        assertEquals(
                "<node_state id=\"node1\" crm-debug-origin=\"raftbeat\" crmd=\"online\" expected=\"member\""
                        + " in_ccm=\"true\" join=\"member\" uname=\"node1\"/>",
                queryXPath(cib, "//node_state").trim());
        assertEquals(
                List.of("nodes", "status"),
                delta.changes().stream().map(c -> c.getSection()).toList());
        assertTrue(delta.changes().stream().allMatch(c -> c.getNode().equals("node1")));

        StatusOperations.nodeJoin(cib, "node1", OPTIONS);
        assertEquals("0.2.0", version(cib), "joining again changes nothing");
    }

    @Test
    void joiningAgainClearsTheShutdownAttributeOfTheLastCleanStop() throws Exception {
        Cib cib = Cib.empty();
        StatusOperations.nodeJoin(cib, "node1", OPTIONS);
        modify(
                cib,
                "status",
                "<node_state id=\"node1\"><transient_attributes id=\"node1\"><instance_attributes"
                        + " id=\"status-node1\"><nvpair id=\"status-node1-shutdown\" name=\"shutdown\""
                        + " value=\"1767225500\"/><nvpair id=\"status-node1-standby\" name=\"standby\""
                        + " value=\"on\"/></instance_attributes></transient_attributes></node_state>");
        StatusOperations.nodeLeave(cib, "node1", OPTIONS);
        assertTrue(queryXPath(cib, "//node_state").contains("name=\"shutdown\""), "leaving keeps it");

        CibDelta delta = StatusOperations.nodeJoin(cib, "node1", OPTIONS);
        String joined = queryXPath(cib, "//node_state");
        assertFalse(joined.contains("name=\"shutdown\""), joined);
        assertTrue(joined.contains("name=\"standby\""), "other transient attributes stay: " + joined);
        assertTrue(delta.changes().stream().anyMatch(c -> c.getSection().equals("status")), "the removal is a change");
    }

    @Test
    void lostIsOfflineUncleanAndKeepsHistoryWhileLeaveIsClean() throws Exception {
        Cib cib = Cib.empty();
        StatusOperations.nodeJoin(cib, "node1", OPTIONS);
        StatusOperations.report(
                cib, "node1", List.of(result("d1", "start", 0, 0).build()), OPTIONS);
        StatusOperations.nodeLost(cib, "node1", OPTIONS);
        assertEquals("0.2.2", version(cib), "status changes bump num_updates only");
        String lost = queryXPath(cib, "//node_state");
        assertTrue(lost.contains("crmd=\"offline\" expected=\"member\" in_ccm=\"false\" join=\"down\""), lost);
        assertTrue(lost.contains("d1_last_0"), lost);

        StatusOperations.nodeJoin(cib, "node1", OPTIONS);
        StatusOperations.nodeLeave(cib, "node1", OPTIONS);
        String left = queryXPath(cib, "//node_state");
        assertTrue(left.contains("crmd=\"offline\" expected=\"down\" in_ccm=\"false\" join=\"down\""), left);
        assertEquals("0.2.4", version(cib));
    }

    @Test
    void startIsRecordedAsLastZeroWithEveryPacemakerAttribute() throws Exception {
        Cib cib = Cib.empty();
        OpResult start = result("d1", "start", 0, 0)
                .setActionId("5:3")
                .setTransitionId(5)
                .setTargetRc(0)
                .build();
        StatusOperations.report(cib, "node1", List.of(start), OPTIONS);
        assertEquals(
                "<node_state id=\"node1\" uname=\"node1\">\n"
                        + "  <lrm id=\"node1\">\n"
                        + "    <lrm_resources>\n"
                        + "      <lrm_resource id=\"d1\" class=\"ocf\" provider=\"heartbeat\" type=\"Dummy\">\n"
                        + "        <lrm_rsc_op id=\"d1_last_0\" crm_feature_set=\"3.16.1\" call-id=\"3\""
                        + " crm-debug-origin=\"raftbeat\" exec-time=\"12\""
                        + " exit-reason=\"\" interval=\"0\" last-rc-change=\"1700000000\" on_node=\"node1\""
                        + " op-status=\"0\" operation=\"start\" operation_key=\"d1_start_0\" queue-time=\"1\""
                        + " rc-code=\"0\""
                        + " transition-key=\"3:5:0:raftbeat\" transition-magic=\"0:0;3:5:0:raftbeat\"/>\n"
                        + "      </lrm_resource>\n"
                        + "    </lrm_resources>\n"
                        + "  </lrm>\n"
                        + "</node_state>",
                queryXPath(cib, "//node_state").trim());
    }

    @Test
    void failedMonitorWritesItsRecordAndLastFailure() throws Exception {
        Cib cib = Cib.empty();
        StatusOperations.report(
                cib, "node1", List.of(result("d1", "monitor", 10000, 7).build()), OPTIONS);
        String xml = ops(cib);
        assertTrue(xml.contains("id=\"d1_monitor_10000\""), xml);
        assertTrue(xml.contains("id=\"d1_last_failure_0\""), xml);
        assertTrue(xml.contains("transition-key=\"0:0:0:raftbeat\""), xml);
        assertFalse(xml.contains("d1_last_0"), xml);
    }

    @Test
    void probeFindingsAreNotFailuresButAnUnexpectedProbeRcIs() throws Exception {
        Cib cib = Cib.empty();
        for (int rc : new int[] {0, 7, 8}) {
            StatusOperations.report(
                    cib,
                    "node1",
                    List.of(result("p" + rc, "monitor", 0, rc).setTargetRc(7).build()),
                    OPTIONS);
        }
        assertFalse(ops(cib).contains("last_failure"), ops(cib));
        StatusOperations.report(
                cib, "node1", List.of(result("p5", "monitor", 0, 5).build()), OPTIONS);
        assertTrue(ops(cib).contains("p5_last_failure_0"), ops(cib));
    }

    @Test
    void unexpectedRcOrUnfinishedExecutionOfAnActionIsAFailure() throws Exception {
        Cib cib = Cib.empty();
        OpResult wrongRc =
                result("a", "start", 0, 1).setActionId("1:1").setTargetRc(0).build();
        OpResult timedOut =
                result("b", "start", 0, 0).setActionId("1:2").setOpStatus(2).build();
        OpResult expectedNotRunning =
                result("c", "monitor", 0, 7).setActionId("1:3").setTargetRc(7).build();
        OpResult probeExpectedRunning =
                result("d", "monitor", 0, 7).setActionId("1:4").setTargetRc(0).build();
        StatusOperations.report(
                cib, "node1", List.of(wrongRc, timedOut, expectedNotRunning, probeExpectedRunning), OPTIONS);
        String xml = ops(cib);
        assertTrue(xml.contains("a_last_failure_0"), xml);
        assertTrue(xml.contains("b_last_failure_0"), xml);
        assertTrue(xml.contains("transition-magic=\"2:0;2:0:0:raftbeat\""), xml);
        assertFalse(xml.contains("c_last_failure_0"), xml);
        assertTrue(xml.contains("d_last_failure_0"), xml);
    }

    @Test
    void cancelledMonitorDeletesItsRecord() throws Exception {
        Cib cib = Cib.empty();
        StatusOperations.report(
                cib, "node1", List.of(result("d1", "monitor", 1000, 0).build()), OPTIONS);
        assertTrue(ops(cib).contains("d1_monitor_1000"));
        StatusOperations.report(
                cib,
                "node1",
                List.of(result("d1", "monitor", 1000, 0).setOpStatus(1).build()),
                OPTIONS);
        assertFalse(ops(cib).contains("d1_monitor_1000"), ops(cib));
        assertFalse(ops(cib).contains("last_failure"), "a cancel is not a failure");
    }

    @Test
    void successfulStopDeletesRecurringRecordsButAFailedStopKeepsThem() throws Exception {
        Cib cib = Cib.empty();
        StatusOperations.report(
                cib,
                "node1",
                List.of(
                        result("d1", "start", 0, 0).build(),
                        result("d1", "monitor", 1000, 0).build(),
                        result("d1", "monitor", 5000, 0).build()),
                OPTIONS);
        StatusOperations.report(cib, "node1", List.of(result("d1", "stop", 0, 1).build()), OPTIONS);
        assertTrue(ops(cib).contains("d1_monitor_5000"), ops(cib));
        var delta = StatusOperations.report(
                cib, "node1", List.of(result("d1", "stop", 0, 0).build()), OPTIONS);
        String xml = ops(cib);
        assertFalse(xml.contains("d1_monitor_"), xml);
        assertTrue(xml.contains("operation_key=\"d1_stop_0\""), xml);
        assertEquals(ChangeType.CHANGE_PUT, delta.changes().get(0).getType());
    }

    @Test
    void invalidNamesAreRefusedWithUsageAndChangeNothing() throws Exception {
        Cib cib = Cib.empty();
        String before = cib.toXml();
        CibException e = assertThrows(CibException.class, () -> StatusOperations.nodeJoin(cib, "../etc", OPTIONS));
        assertEquals(64, e.error().exitCode());
        assertTrue(e.getMessage().contains("node name '../etc'"), e.getMessage());
        CibException bad = assertThrows(
                CibException.class,
                () -> StatusOperations.report(
                        cib,
                        "node1",
                        List.of(
                                result("ok", "start", 0, 0).build(),
                                result("x y", "start", 0, 0).build()),
                        OPTIONS));
        assertEquals(64, bad.error().exitCode());
        assertEquals(before, cib.toXml());
    }

    @Test
    void summaryNamesResourceOperationNodeAndOutcome() {
        assertEquals(
                "d1 monitor (1000 ms) on node1: not running (rc 7)",
                OpResults.describe(result("d1", "monitor", 1000, 7).build(), "node1"));
        assertEquals(
                "d1 start on node1: timed out (rc 1): hung",
                OpResults.describe(
                        result("d1", "start", 0, 1)
                                .setOpStatus(2)
                                .setExitReason("hung\n")
                                .build(),
                        "node1"));
    }
}
