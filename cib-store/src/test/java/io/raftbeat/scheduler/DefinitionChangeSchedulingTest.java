package io.raftbeat.scheduler;

import static io.raftbeat.scheduler.SchedulerCibs.history;
import static io.raftbeat.scheduler.SchedulerCibs.nvpair;
import static io.raftbeat.scheduler.SchedulerCibs.schedule;
import static io.raftbeat.scheduler.SchedulerCibs.twoNodes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.raftbeat.cib.SafeXml;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.w3c.dom.Element;

/** Operation digests, and the restart or reload of a resource whose definition changed since it started. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class DefinitionChangeSchedulingTest {
    private static final String OTHER_NODE = history("rsc1", "node2", "monitor:0:7");

    @Test
    void digestsAreThoseRecordedByPacemaker() throws Exception {
        // Digests Pacemaker recorded in its regression cases (params-2, params-4).
        assertEquals("f2317cad3d54cec5d7d7aa7d0bf35cf8", OperationDigest.of(Map.of()));
        assertEquals("fd54394d262d771b8cb48f31f8df7242", OperationDigest.of(Map.of("ip", "127.0.0.11")));
        Element primitive = SafeXml.parse(
                        "<primitive id=\"r\" class=\"ocf\" provider=\"heartbeat\" type=\"IPaddr\"><operations>"
                                + "<op id=\"m\" name=\"monitor\" interval=\"5s\" timeout=\"20s\"/></operations>"
                                + "<instance_attributes id=\"ia\">" + nvpair("ip", "127.0.0.13")
                                + "</instance_attributes><meta_attributes id=\"ma\">" + nvpair("is-managed", "1")
                                + "</meta_attributes></primitive>",
                        1 << 16)
                .getDocumentElement();
        assertEquals("6e0f48b04277dfed400d2ffce5b5ae51", OperationDigest.of(primitive, "start", 0));
        // A recurring operation's digest covers its timeout.
        assertEquals("3b337ce52a3a88fb0a61ff74c5e42f0b", OperationDigest.of(primitive, "monitor", 5000));
    }

    @Test
    void aChangedParameterRestartsTheResourceWhereItRuns() throws Exception {
        String started = started("op-digest=\"" + OperationDigest.of(Map.of("state", "/run/old")) + "\"");
        Transition t = schedule(twoNodes("", dummy("/run/new"), "", started, OTHER_NODE));
        assertEquals(List.of("Restart    rsc1    ( node1 )  due to resource definition change"), t.summary());
        assertTrue(t.actions().contains(new Action("rsc1", "node1", "stop", 0, "")));
        assertTrue(t.actions().contains(new Action("rsc1", "node1", "start", 0, "")));
    }

    @Test
    void unchangedOrUnrecordedParametersLeaveItRunning() throws Exception {
        String same = started("op-digest=\"" + OperationDigest.of(Map.of("state", "/run/new")) + "\"");
        assertEquals(
                List.of(),
                schedule(twoNodes("", dummy("/run/new"), "", same, OTHER_NODE)).summary());
        // Our node agent records no digest: unknown is taken as unchanged, not as a reason to restart everything.
        assertEquals(
                List.of(),
                schedule(twoNodes("", dummy("/run/new"), "", started(""), OTHER_NODE))
                        .summary());
    }

    @Test
    void onlyReloadableParametersChangedReloadsAnAgentThatCanReload() throws Exception {
        // op-force-restart lists the parameters a reload cannot apply; "state" is unchanged, "delay" is not.
        String recorded = "op-digest=\"" + OperationDigest.of(Map.of("state", "/run/new", "delay", "1")) + "\""
                + " op-force-restart=\" state \" op-restart-digest=\""
                + OperationDigest.of(Map.of("state", "/run/new")) + "\"";
        Transition t = schedule(twoNodes("", dummy("/run/new"), "", started(recorded), OTHER_NODE));
        assertEquals(List.of("Reload     rsc1    ( node1 )"), t.summary());
        assertEquals(
                List.of(new Action("rsc1", "node1", "reload-agent", 0, "resource definition change")), t.actions());
    }

    @Test
    void aChangedParameterThatCannotBeReloadedRestarts() throws Exception {
        String recorded = "op-digest=\"" + OperationDigest.of(Map.of("state", "/run/old")) + "\""
                + " op-force-restart=\" state \" op-restart-digest=\""
                + OperationDigest.of(Map.of("state", "/run/old")) + "\"";
        Transition t = schedule(twoNodes("", dummy("/run/new"), "", started(recorded), OTHER_NODE));
        assertEquals(List.of("Restart    rsc1    ( node1 )  due to resource definition change"), t.summary());
    }

    @Test
    void aDifferentAgentRestartsTheResource() throws Exception {
        String same = started("op-digest=\"" + OperationDigest.of(Map.of("state", "/run/new")) + "\"")
                .replace("type=\"Dummy\"", "type=\"Stateful\"");
        Transition t = schedule(twoNodes("", dummy("/run/new"), "", same, OTHER_NODE));
        assertEquals(List.of("Restart    rsc1    ( node1 )"), t.summary());
    }

    private static String dummy(String state) {
        return "<primitive id=\"rsc1\" class=\"ocf\" provider=\"heartbeat\" type=\"Dummy\"><instance_attributes"
                + " id=\"rsc1-ia\">" + nvpair("state", state) + "</instance_attributes><operations><op id=\"rsc1-mon\""
                + " name=\"monitor\" interval=\"10s\"/></operations></primitive>";
    }

    /** rsc1 probed, started (with the given digest attributes) and monitored on node1. */
    private static String started(String digests) {
        String h = history("rsc1", "node1", "monitor:0:7", "start:0:0", "monitor:10000:0");
        return h.replace("operation=\"start\"", "operation=\"start\" " + digests);
    }
}
