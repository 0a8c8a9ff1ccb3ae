package io.raftbeat.scheduler;

import static io.raftbeat.scheduler.SchedulerCibs.NODES;
import static io.raftbeat.scheduler.SchedulerCibs.NO_FENCING;
import static io.raftbeat.scheduler.SchedulerCibs.cib;
import static io.raftbeat.scheduler.SchedulerCibs.dummy;
import static io.raftbeat.scheduler.SchedulerCibs.history;
import static io.raftbeat.scheduler.SchedulerCibs.node;
import static io.raftbeat.scheduler.SchedulerCibs.nvpair;
import static io.raftbeat.scheduler.SchedulerCibs.running;
import static io.raftbeat.scheduler.SchedulerCibs.schedule;
import static io.raftbeat.scheduler.SchedulerCibs.state;
import static io.raftbeat.scheduler.SchedulerCibs.twoNodes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SchedulerTest {

    @Test
    void aNewResourceIsProbedEverywhereThenStartedWithItsMonitor() throws Exception {
        Transition t = schedule(
                cib(true, NO_FENCING, NODES, dummy("rsc1"), "", state("node1", true, "") + state("node2", true, "")));
        assertEquals(List.of("Start      rsc1    ( node1 )"), t.summary());
        assertEquals(
                List.of(
                        new Action("rsc1", "node1", "monitor", 0, "probe"),
                        new Action("rsc1", "node2", "monitor", 0, "probe"),
                        new Action("rsc1", "node1", "start", 0, ""),
                        new Action("rsc1", "node1", "monitor", 10000, "")),
                t.actions());
    }

    @Test
    void resourcesSpreadOverNodesWithEqualScores() throws Exception {
        Transition t = schedule(twoNodes("", dummy("a") + dummy("b"), "", "", ""));
        assertEquals(List.of("Start      a       ( node1 )", "Start      b       ( node2 )"), t.summary());
    }

    @Test
    void aFailedMonitorRecoversInPlace() throws Exception {
        String failed = history("rsc1", "node1", "monitor:0:7", "start:0:0", "monitor:10000:7");
        Transition t = schedule(twoNodes("", dummy("rsc1"), "", failed, history("rsc1", "node2", "monitor:0:7")));
        assertEquals(List.of("Recover    rsc1    ( node1 )"), t.summary());
    }

    @Test
    void reachingTheMigrationThresholdMovesTheResourceAway() throws Exception {
        String failed = history("rsc1", "node1", "monitor:0:7", "start:0:0", "monitor:10000:7");
        String counts = nvpair("fail-count-rsc1#monitor_10000", "2");
        String xml = cib(
                true,
                NO_FENCING,
                NODES,
                dummy("rsc1", nvpair("migration-threshold", "2")),
                "",
                state("node1", true, counts, failed)
                        + state("node2", true, "", history("rsc1", "node2", "monitor:0:7")));
        assertEquals(
                List.of("Recover    rsc1    ( node1 -> node2 )"), schedule(xml).summary());
    }

    @Test
    void anExpiredFailureNoLongerCountsOrNeedsRecovery() throws Exception {
        String failed = history("rsc1", "node1", "monitor:0:7", "start:0:0", "monitor:10000:7");
        String counts = nvpair("fail-count-rsc1#monitor_10000", "2")
                + nvpair("last-failure-rsc1#monitor_10000", String.valueOf(SchedulerCibs.NOW.getEpochSecond() - 100));
        String xml = cib(
                true,
                NO_FENCING,
                NODES,
                dummy("rsc1", nvpair("migration-threshold", "2"), nvpair("failure-timeout", "60s")),
                "",
                state("node1", true, counts, failed)
                        + state("node2", true, "", history("rsc1", "node2", "monitor:0:7")));
        assertTrue(schedule(xml).summary().isEmpty(), "expired 40s ago: nothing to do");
        assertEquals(
                List.of("Recover    rsc1    ( node1 -> node2 )"),
                schedule(xml, SchedulerCibs.NOW.minusSeconds(50)).summary(),
                "10s before expiry it still counts");
    }

    @Test
    void aStandbyNodeIsEvacuatedToTheLeastLoadedNodeAndStickinessKeepsOthersPut() throws Exception {
        String xml = cib(
                true,
                NO_FENCING + nvpair("default-resource-stickiness", "100"),
                node("node1", nvpair("standby", "on")) + node("node2") + node("node3"),
                dummy("b") + dummy("a"),
                "",
                state("node1", true, "", running("a", "node1"))
                        + state("node2", true, "", running("b", "node2"), history("a", "node2", "monitor:0:7"))
                        + state(
                                "node3",
                                true,
                                "",
                                history("a", "node3", "monitor:0:7"),
                                history("b", "node3", "monitor:0:7")));
        assertEquals(
                List.of("Move       a       ( node1 -> node3 )"), schedule(xml).summary());
    }

    @Test
    void anUncleanNodeIsFencedAndItsResourcesMove() throws Exception {
        String xml = cib(
                true,
                "",
                NODES,
                dummy("rsc1"),
                "",
                state("node1", false, "", running("rsc1", "node1"))
                        + state("node2", true, "", history("rsc1", "node2", "monitor:0:7")));
        Transition t = schedule(xml);
        assertEquals(
                List.of(
                        "Fence (reboot) node1 'peer is no longer part of the cluster'",
                        "Move       rsc1    ( node1 -> node2 )"),
                t.summary());
        assertEquals(
                new Action("", "node1", "reboot", 0, "peer is no longer part of the cluster"),
                t.actions().get(0));
    }

    @Test
    void locationRulesAndInfinityArithmeticDecideTheNode() throws Exception {
        String rule = "<rsc_location id=\"l1\" rsc=\"rsc1\"><rule id=\"r1\" score=\"-INFINITY\">"
                + "<expression id=\"e1\" attribute=\"#uname\" operation=\"eq\" value=\"node2\"/></rule></rsc_location>"
                + "<rsc_location id=\"l2\" rsc=\"rsc1\" node=\"node2\" score=\"INFINITY\"/>"
                + "<rsc_location id=\"l3\" rsc=\"rsc1\" node=\"node1\" score=\"-10\"/>";
        Transition t = schedule(twoNodes("", dummy("rsc1"), rule, "", ""));
        assertTrue(t.summary().isEmpty(), "-INFINITY + INFINITY is -INFINITY, and -10 forbids node1: " + t.summary());
        String attr = "<rsc_location id=\"l1\" rsc=\"rsc1\"><rule id=\"r1\" score=\"50\">"
                + "<expression id=\"e1\" attribute=\"site\" operation=\"eq\" value=\"b\"/></rule></rsc_location>";
        String xml = cib(true, NO_FENCING, node("node1") + node("node2", nvpair("site", "b")), dummy("rsc1"), attr, "");
        assertEquals(
                List.of("Start      rsc1    ( node2 )"),
                schedule(xml.replace(
                                "<status></status>",
                                "<status>" + state("node1", true, "") + state("node2", true, "") + "</status>"))
                        .summary());
    }

    @Test
    void aGroupRunsTogetherAndAnOrderStopsItsThenWhenTheFirstStops() throws Exception {
        String group = "<group id=\"g\">" + dummy("a") + dummy("b") + "</group>";
        Transition t = schedule(twoNodes("", group, "", "", ""));
        assertEquals(List.of("Start      a       ( node1 )", "Start      b       ( node1 )"), t.summary());
        String order = "<rsc_order id=\"o1\" first=\"x\" then=\"y\"/>";
        String xml = twoNodes(
                "",
                dummy("x", nvpair("target-role", "Stopped")) + dummy("y"),
                order,
                running("x", "node1") + running("y", "node1"),
                history("x", "node2", "monitor:0:7") + history("y", "node2", "monitor:0:7"));
        assertEquals(
                List.of(
                        "Stop       x       ( node1 )  due to node availability",
                        "Stop       y       ( node1 )  due to unrunnable x start"),
                schedule(xml).summary());
    }

    @Test
    void withoutQuorumEverythingStopsUnlessThePolicySaysOtherwise() throws Exception {
        String status = state("node1", true, "", running("rsc1", "node1"))
                + state("node2", true, "", history("rsc1", "node2", "monitor:0:7"));
        String stop = cib(false, NO_FENCING, NODES, dummy("rsc1"), "", status);
        assertEquals(
                List.of("Stop       rsc1    ( node1 )  due to no quorum"),
                schedule(stop).summary());
        String freeze = cib(false, NO_FENCING + nvpair("no-quorum-policy", "freeze"), NODES, dummy("rsc1"), "", status);
        assertTrue(schedule(freeze).summary().isEmpty());
    }

    @Test
    void theSameCibAndTimeGiveTheSameTransition() throws Exception {
        String xml = twoNodes("", dummy("a") + dummy("b") + dummy("c"), "", running("a", "node2"), "");
        assertEquals(schedule(xml), schedule(xml));
        assertEquals(Instant.parse("2005-01-20T12:30:00Z"), IsoDates.parse("2005-020T12:30"));
    }

    @Test
    void aResourceNoLongerConfiguredIsStoppedWithoutProbes() throws Exception {
        Transition t = schedule(twoNodes("", "", "", running("gone", "node1"), ""));
        assertEquals(List.of("Stop       gone    ( node1 )  due to node availability"), t.summary());
        assertEquals(List.of(new Action("gone", "node1", "stop", 0, "")), t.actions());
    }

    @Test
    void anInfinityColocationPlacesTheDependentWithItsPrimary() throws Exception {
        String colocation = "<rsc_colocation id=\"c1\" rsc=\"web\" with-rsc=\"ip\" score=\"INFINITY\"/>"
                + "<rsc_location id=\"l1\" rsc=\"ip\" node=\"node2\" score=\"10\"/>";
        Transition t = schedule(twoNodes("", dummy("web") + dummy("ip"), colocation, "", ""));
        assertEquals(List.of("Start      web     ( node2 )", "Start      ip      ( node2 )"), t.summary());
    }

    @Test
    void anAgentMissingOnANodeBansItThereEvenWithOnFailIgnore() throws Exception {
        String rsc = "<primitive id=\"rsc1\" class=\"ocf\" provider=\"heartbeat\" type=\"Dummy\"><operations>"
                + "<op id=\"m\" name=\"monitor\" interval=\"10s\" on-fail=\"ignore\"/></operations></primitive>";
        String failed = history("rsc1", "node1", "monitor:0:7", "start:0:0", "monitor:10000:5");
        Transition t = schedule(twoNodes("", rsc, "", failed, history("rsc1", "node2", "monitor:0:7")));
        assertEquals(List.of("Recover    rsc1    ( node1 -> node2 )"), t.summary());
    }

    @Test
    void aColocationByNodeAttributeWantsTheSameValueNotTheSameNode() throws Exception {
        // web may only run on node3 (site b); db must then go to a site-b node too, and only node4 is one it allows.
        String nodes = node("node1", nvpair("site", "a"))
                + node("node2", nvpair("site", "a"))
                + node("node3", nvpair("site", "b"))
                + node("node4", nvpair("site", "b"));
        String constraints = "<rsc_location id=\"l1\" rsc=\"web\" node=\"node1\" score=\"-INFINITY\"/>"
                + "<rsc_location id=\"l2\" rsc=\"web\" node=\"node2\" score=\"-INFINITY\"/>"
                + "<rsc_location id=\"l3\" rsc=\"web\" node=\"node4\" score=\"-INFINITY\"/>"
                + "<rsc_location id=\"l4\" rsc=\"db\" node=\"node3\" score=\"-INFINITY\"/>"
                + "<rsc_colocation id=\"c\" rsc=\"db\" with-rsc=\"web\" node-attribute=\"site\" score=\"INFINITY\"/>";
        String status = state("node1", true, "")
                + state("node2", true, "")
                + state("node3", true, "")
                + state("node4", true, "");
        Transition t = schedule(cib(true, NO_FENCING, nodes, dummy("web") + dummy("db"), constraints, status));
        assertEquals(List.of("Start      web     ( node3 )", "Start      db      ( node4 )"), t.summary());
    }
}
