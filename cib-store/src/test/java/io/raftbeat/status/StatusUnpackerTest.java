package io.raftbeat.status;

import static io.raftbeat.status.StatusCibs.cib;
import static io.raftbeat.status.StatusCibs.dummy;
import static io.raftbeat.status.StatusCibs.lrmResource;
import static io.raftbeat.status.StatusCibs.noFencing;
import static io.raftbeat.status.StatusCibs.node;
import static io.raftbeat.status.StatusCibs.nvpair;
import static io.raftbeat.status.StatusCibs.op;
import static io.raftbeat.status.StatusCibs.state;
import static io.raftbeat.status.StatusCibs.unpack;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class StatusUnpackerTest {
    private static final String NODES = node("node1") + node("node2") + node("node3")
            + "<node id=\"node4\" uname=\"node4\" type=\"member\"><instance_attributes id=\"n4\">"
            + nvpair("standby", "on") + "</instance_attributes></node>";

    @Test
    void nodeHealthFollowsMembershipAndExpectation() throws Exception {
        ClusterStatus status = unpack(cib(
                "",
                NODES,
                "",
                state("node1", true, "member", "", "")
                        + state("node2", false, "down", "", "")
                        + state("node3", false, "member", "", "")
                        + state("node4", true, "member", "", "")));
        NodeStatus n1 = status.node("node1").orElseThrow();
        assertTrue(n1.online() && !n1.unclean() && !n1.standby());
        assertTrue(status.node("node2").orElseThrow().cleanOffline(), "expected down: clean");
        NodeStatus n3 = status.node("node3").orElseThrow();
        assertTrue(!n3.online() && n3.unclean(), "offline while expected up: unclean");
        assertTrue(status.node("node4").orElseThrow().standby(), "standby from the node's instance_attributes");
    }

    @Test
    void withoutFencingAnOfflineNodeIsNeverUnclean() throws Exception {
        ClusterStatus status = unpack(cib(noFencing(), NODES, "", state("node3", false, "member", "", "")));
        assertTrue(status.node("node3").orElseThrow().cleanOffline());
        assertFalse(status.fencingEnabled());
    }

    @Test
    void transientStandbyAndMaintenanceCount() throws Exception {
        ClusterStatus status = unpack(cib(
                "",
                NODES,
                "",
                state("node1", true, "member", nvpair("standby", "true") + nvpair("maintenance", "yes"), "")));
        NodeStatus n1 = status.node("node1").orElseThrow();
        assertTrue(n1.standby() && n1.maintenance());
    }

    @Test
    void aShutdownTimeMarksTheNodeShuttingDownAndZeroDoesNot() throws Exception {
        ClusterStatus status = unpack(cib(
                "",
                NODES,
                "",
                state("node1", true, "member", nvpair("shutdown", "1767225500"), "")
                        + state("node2", true, "member", nvpair("shutdown", "0"), "")
                        + state("node3", true, "member", "", "")));
        NodeStatus n1 = status.node("node1").orElseThrow();
        assertTrue(n1.shuttingDown() && n1.online() && !n1.unclean(), "shutting down, still online and clean");
        assertFalse(status.node("node2").orElseThrow().shuttingDown(), "shutdown=0 is Pacemaker's 'not shutting down'");
        assertFalse(status.node("node3").orElseThrow().shuttingDown());
    }

    @Test
    void lastSuccessfulStartMakesItActive() throws Exception {
        ClusterStatus status = unpack(cib(
                "",
                NODES,
                dummy("d1"),
                state("node1", true, "member", "", lrmResource("d1", op("d1", "node1", "start", 0, 3, 0, 0, 0)))));
        assertEquals(List.of("node1"), status.activeNodes("d1"));
        assertFalse(status.failed("d1"));
        assertEquals(List.of(), status.failedActions());
    }

    @Test
    void historyIsReplayedInCallIdOrderNotDocumentOrder() throws Exception {
        String ops = op("d1", "node1", "stop", 0, 9, 0, 0, 0) + op("d1", "node1", "start", 0, 4, 0, 0, 0);
        ClusterStatus status =
                unpack(cib("", NODES, dummy("d1"), state("node1", true, "member", "", lrmResource("d1", ops))));
        assertEquals(List.of(), status.activeNodes("d1"), "the stop (call 9) came after the start (call 4)");
    }

    @Test
    void probeNotRunningIsStoppedAndNotAFailure() throws Exception {
        String ops = op("d1", "node1", "monitor", 0, 2, 7, 0, 7);
        ClusterStatus status =
                unpack(cib("", NODES, dummy("d1"), state("node1", true, "member", "", lrmResource("d1", ops))));
        assertEquals(List.of(), status.activeNodes("d1"));
        assertEquals(List.of(), status.failedActions());
    }

    @Test
    void probeRunningIsActive() throws Exception {
        String ops = op("d1", "node1", "monitor", 0, 2, 0, 0, 7);
        ClusterStatus status =
                unpack(cib("", NODES, dummy("d1"), state("node1", true, "member", "", lrmResource("d1", ops))));
        assertEquals(List.of("node1"), status.activeNodes("d1"));
        assertFalse(status.failed("d1"));
    }

    @Test
    void failedMonitorIsFailedAndListedOnce() throws Exception {
        String ops = op("d1", "node1", "start", 0, 3, 0, 0, 0)
                + op("d1", "node1", "monitor", 10000, 4, 7, 0, 0)
                + op("d1", "node1", "monitor", 10000, 4, 7, 0, 0)
                        .replace("d1_monitor_10000\" operation_key", "d1_last_failure_0\" operation_key");
        ClusterStatus status =
                unpack(cib("", NODES, dummy("d1"), state("node1", true, "member", "", lrmResource("d1", ops))));
        assertTrue(status.failed("d1"));
        assertEquals(List.of("node1"), status.activeNodes("d1"), "a failed resource may still run");
        assertEquals(1, status.failedActions().size());
        assertEquals(10000, status.failedActions().get(0).intervalMs());
    }

    @Test
    void recoveryAfterAFailureClearsFailedButKeepsTheFailedAction() throws Exception {
        String ops = op("d1", "node1", "monitor", 10000, 4, 7, 0, 0)
                + op("d1", "node1", "stop", 0, 5, 0, 0, 0)
                + op("d1", "node1", "start", 0, 6, 0, 0, 0);
        ClusterStatus status =
                unpack(cib("", NODES, dummy("d1"), state("node1", true, "member", "", lrmResource("d1", ops))));
        assertFalse(status.failed("d1"));
        assertEquals(List.of("node1"), status.activeNodes("d1"));
        assertEquals(1, status.failedActions().size());
    }

    @Test
    void timedOutStartIsAFailure() throws Exception {
        String ops = op("d1", "node1", "start", 0, 3, 1, 2, 0);
        ClusterStatus status =
                unpack(cib("", NODES, dummy("d1"), state("node1", true, "member", "", lrmResource("d1", ops))));
        assertTrue(status.failed("d1"));
        assertEquals(2, status.failedActions().get(0).opStatus());
    }

    @Test
    void probeFindingNoAgentIsStoppedNotInstalled() throws Exception {
        String ops = op("d1", "node1", "monitor", 0, 3, 5, 7, 7);
        ClusterStatus status =
                unpack(cib("", NODES, dummy("d1"), state("node1", true, "member", "", lrmResource("d1", ops))));
        assertTrue(status.notInstalled("d1"));
        assertEquals(List.of(), status.activeNodes("d1"));
        assertEquals(List.of(), status.failedActions());
    }

    @Test
    void failedStopMakesTheNodeUncleanWhenFencingIsOn() throws Exception {
        String ops = op("d1", "node1", "start", 0, 3, 0, 0, 0) + op("d1", "node1", "stop", 0, 4, 1, 0, 0);
        String status = state("node1", true, "member", "", lrmResource("d1", ops));
        NodeStatus fenced =
                unpack(cib("", NODES, dummy("d1"), status)).node("node1").orElseThrow();
        assertTrue(fenced.online() && fenced.unclean());
        NodeStatus unfenced = unpack(cib(noFencing(), NODES, dummy("d1"), status))
                .node("node1")
                .orElseThrow();
        assertFalse(unfenced.unclean());
    }

    @Test
    void cleanOfflineNodesHistoryIsIgnored() throws Exception {
        String ops = op("d1", "node2", "start", 0, 3, 0, 0, 0);
        ClusterStatus status =
                unpack(cib("", NODES, dummy("d1"), state("node2", false, "down", "", lrmResource("d1", ops))));
        assertEquals(List.of(), status.activeNodes("d1"));
    }

    @Test
    void uncleanNodesResourcesStillCountAsActive() throws Exception {
        String ops = op("d1", "node3", "start", 0, 3, 0, 0, 0);
        ClusterStatus status =
                unpack(cib("", NODES, dummy("d1"), state("node3", false, "member", "", lrmResource("d1", ops))));
        assertEquals(List.of("node3"), status.activeNodes("d1"));
    }

    @Test
    void failCountsSumPerOperationAndLegacyNames() throws Exception {
        String transients = nvpair("fail-count-d1#monitor_10000", "2")
                + nvpair("fail-count-d1#start_0", "1")
                + nvpair("last-failure-d1#monitor_10000", "1700000100")
                + nvpair("last-failure-d1#start_0", "1700000000")
                + nvpair("fail-count-d2", "INFINITY")
                + nvpair("fail-count-d2#start_0", "3");
        ClusterStatus status =
                unpack(cib("", NODES, dummy("d1") + dummy("d2"), state("node1", true, "member", transients, "")));
        FailCount d1 = status.failCount("node1", "d1").orElseThrow();
        assertEquals(3, d1.count());
        assertEquals(1700000100L, d1.lastFailure());
        assertEquals(
                Scores.INFINITY, status.failCount("node1", "d2").orElseThrow().count(), "capped at INFINITY");
    }

    @Test
    void groupsHoldTheirMembersAndPassOnMeta() throws Exception {
        String resources = "<group id=\"g1\"><meta_attributes id=\"g1-m\">" + nvpair("target-role", "Stopped")
                + "</meta_attributes>" + dummy("a") + dummy("b") + "</group>";
        ClusterStatus status = unpack(cib("", NODES, resources, ""));
        ConfiguredResource group = status.resource("g1").orElseThrow();
        assertEquals(ConfiguredResource.Kind.GROUP, group.kind());
        assertEquals(
                List.of("a", "b"),
                group.primitives().stream().map(ConfiguredResource::id).toList());
        assertTrue(status.resource("b").orElseThrow().disabled(), "a group's target-role reaches its members");
        assertEquals("ocf:heartbeat:Dummy", status.resource("a").orElseThrow().agent());
    }

    @Test
    void nodeNeverSeenIsUncleanUnderStartupFencing() throws Exception {
        assertTrue(unpack(cib("", NODES, "", "")).node("node1").orElseThrow().unclean());
        assertFalse(unpack(cib(noFencing(), NODES, "", ""))
                .node("node1")
                .orElseThrow()
                .unclean());
    }
}
