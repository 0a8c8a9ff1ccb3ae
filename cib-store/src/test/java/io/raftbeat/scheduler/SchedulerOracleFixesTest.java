package io.raftbeat.scheduler;

import static io.raftbeat.scheduler.SchedulerCibs.cib;
import static io.raftbeat.scheduler.SchedulerCibs.dummy;
import static io.raftbeat.scheduler.SchedulerCibs.history;
import static io.raftbeat.scheduler.SchedulerCibs.node;
import static io.raftbeat.scheduler.SchedulerCibs.nvpair;
import static io.raftbeat.scheduler.SchedulerCibs.schedule;
import static io.raftbeat.scheduler.SchedulerCibs.state;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Cases the differential test against Pacemaker's crm_simulate found, each as Pacemaker 2.1.5 decides it. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SchedulerOracleFixesTest {
    private static final String NODES = node("node1") + node("node2");
    private static final String FENCER = "<primitive id=\"fencer\" class=\"stonith\" type=\"fence_xvm\"/>";

    @Test
    void aResourceThatFailedOnALostNodeMovesOnceTheNodeIsFenced() throws Exception {
        String failed = history("rsc1", "node1", "monitor:0:7", "start:0:0", "monitor:10000:7");
        String xml = cib(
                true,
                "",
                NODES,
                dummy("rsc1"),
                "",
                state("node1", false, "", failed) + state("node2", true, "", history("rsc1", "node2", "monitor:0:7")));
        assertEquals(
                List.of(
                        "Fence (reboot) node1 'peer is no longer part of the cluster'",
                        "Move       rsc1    ( node1 -> node2 )"),
                schedule(xml).summary());
    }

    @Test
    void onANodeFencedForAFailedStopOnlyThatResourceIsRecoveredTheOthersMove() throws Exception {
        String stopFailed = history("rsc1", "node1", "monitor:0:7", "start:0:0", "stop:0:1");
        String monitorFailed = history("rsc2", "node1", "monitor:0:7", "start:0:0", "monitor:10000:7");
        String xml = cib(
                true,
                "",
                NODES,
                FENCER + dummy("rsc1") + dummy("rsc2"),
                "",
                state("node1", true, "", fencer(history("fencer", "node1", "monitor:0:7")), stopFailed, monitorFailed)
                        + state(
                                "node2",
                                true,
                                "",
                                fencer(history("fencer", "node2", "monitor:0:7", "start:0:0")),
                                history("rsc1", "node2", "monitor:0:7"),
                                history("rsc2", "node2", "monitor:0:7")));
        assertEquals(
                List.of(
                        "Fence (reboot) node1 'rsc1 failed there'",
                        "Recover    rsc1    ( node1 -> node2 )",
                        "Move       rsc2    ( node1 -> node2 )"),
                schedule(xml).summary());
    }

    @Test
    void stickinessDoesNotKeepAResourceWhereAnAsymmetricClusterNoLongerAllowsIt() throws Exception {
        String xml = cib(
                true,
                nvpair("stonith-enabled", "false") + nvpair("symmetric-cluster", "false"),
                NODES,
                dummy("rsc1", nvpair("resource-stickiness", "100")),
                "",
                state("node1", true, "", history("rsc1", "node1", "monitor:0:7", "start:0:0", "monitor:10000:0"))
                        + state("node2", true, "", history("rsc1", "node2", "monitor:0:7")));
        assertEquals(
                List.of("Stop       rsc1    ( node1 )  due to node availability"),
                schedule(xml).summary());
    }

    @Test
    void aGroupMemberBannedFromTheOnlyNodeStopsAloneInsteadOfTheWholeGroup() throws Exception {
        String failed = history("rsc2", "node1", "monitor:0:7", "start:0:0", "monitor:10000:7");
        String xml = cib(
                true,
                nvpair("stonith-enabled", "false"),
                NODES,
                "<group id=\"grp1\">" + dummy("rsc1") + dummy("rsc2", nvpair("migration-threshold", "1")) + "</group>",
                "",
                state(
                                "node1",
                                true,
                                nvpair("fail-count-rsc2#monitor_10000", "1"),
                                history("rsc1", "node1", "monitor:0:7", "start:0:0", "monitor:10000:0"),
                                failed)
                        + state("node2", false, ""));
        assertEquals(
                List.of("Stop       rsc2    ( node1 )  due to node availability"),
                schedule(xml).summary());
    }

    @Test
    void onAnEqualPositiveScoreAResourceStaysWhereItRunsEvenOnTheBusierNode() throws Exception {
        String locations = "<rsc_location id=\"l1\" rsc=\"rsc1\" node=\"node2\" score=\"100\"/>"
                + "<rsc_location id=\"l2\" rsc=\"rsc2\" node=\"node1\" score=\"50\"/>"
                + "<rsc_location id=\"l3\" rsc=\"rsc2\" node=\"node2\" score=\"50\"/>";
        String xml = cib(
                true,
                nvpair("stonith-enabled", "false"),
                NODES,
                dummy("rsc1") + dummy("rsc2"),
                locations,
                state(
                                "node1",
                                true,
                                "",
                                history("rsc1", "node1", "monitor:0:7"),
                                history("rsc2", "node1", "monitor:0:7"))
                        + state(
                                "node2",
                                true,
                                "",
                                history("rsc1", "node2", "monitor:0:7"),
                                history("rsc2", "node2", "monitor:0:7", "start:0:0", "monitor:10000:0")));
        assertEquals(List.of("Start      rsc1    ( node2 )"), schedule(xml).summary());
    }

    /** The fencer's history is of its own agent: another would be a definition change, restarting it. */
    private static String fencer(String history) {
        return history.replace(
                "class=\"ocf\" provider=\"heartbeat\" type=\"Dummy\"", "class=\"stonith\" type=\"fence_xvm\"");
    }
}
