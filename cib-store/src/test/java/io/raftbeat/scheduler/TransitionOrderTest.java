package io.raftbeat.scheduler;

import static io.raftbeat.scheduler.SchedulerCibs.NOW;
import static io.raftbeat.scheduler.SchedulerCibs.dummy;
import static io.raftbeat.scheduler.SchedulerCibs.history;
import static io.raftbeat.scheduler.SchedulerCibs.nvpair;
import static io.raftbeat.scheduler.SchedulerCibs.running;
import static io.raftbeat.scheduler.SchedulerCibs.schedule;
import static io.raftbeat.scheduler.SchedulerCibs.twoNodes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** What a transition lets run first, the monitors a staying resource keeps, and when time alone changes the answer. */
@Timeout(30)
class TransitionOrderTest {
    private static final String STANDBY1 = "<nvpair id=\"sb\" name=\"standby\" value=\"on\"/>";

    @Test
    void aGroupLeavingAStandbyNodeStopsInReverseThenStartsInOrder() throws Exception {
        String group = "<group id=\"g\">" + dummy("a") + dummy("b") + "</group>";
        String xml = twoNodes(
                "",
                group,
                "",
                STANDBY1 + "", // node1 in standby; histories follow on node1 below
                history("a", "node2", "monitor:0:7") + history("b", "node2", "monitor:0:7"));
        xml = xml.replace(
                "<lrm_resources></lrm_resources></lrm></node_state><node_state id=\"node2\"",
                "<lrm_resources>" + running("a", "node1") + running("b", "node1")
                        + "</lrm_resources></lrm></node_state><node_state id=\"node2\"");
        Transition t = schedule(xml);
        assertEquals(List.of(new Action("b", "node1", "stop", 0, "")), t.ready());
        Action startA = new Action("a", "node2", "start", 0, "");
        Action startB = new Action("b", "node2", "start", 0, "");
        assertTrue(waitsFor(t, startA, new Action("a", "node1", "stop", 0, "")));
        assertTrue(waitsFor(t, new Action("a", "node1", "stop", 0, ""), new Action("b", "node1", "stop", 0, "")));
        assertTrue(waitsFor(t, startB, startA));
        assertTrue(waitsFor(t, new Action("b", "node2", "monitor", 10_000, ""), startB));
    }

    @Test
    void aStartWaitsForItsProbesAndAnOrderedStartForItsFirst() throws Exception {
        String order = "<rsc_order id=\"o\" first=\"db\" then=\"web\"/>";
        Transition t = schedule(twoNodes("", dummy("db") + dummy("web"), order, "", ""));
        assertEquals(4, t.ready().size(), "the four probes run first: " + t.ready());
        assertTrue(t.ready().stream().allMatch(a -> a.operation().equals("monitor") && a.intervalMs() == 0));
        Action startDb = t.actions().stream()
                .filter(a -> a.resource().equals("db") && a.operation().equals("start"))
                .findFirst()
                .orElseThrow();
        Action startWeb = t.actions().stream()
                .filter(a -> a.resource().equals("web") && a.operation().equals("start"))
                .findFirst()
                .orElseThrow();
        assertTrue(waitsFor(t, startWeb, startDb));
        assertTrue(waitsFor(t, startDb, new Action("db", "node2", "monitor", 0, "probe")));
    }

    @Test
    void aStayingResourceGetsItsMissingMonitorAndLosesOneNoLongerConfigured() throws Exception {
        String probed = history("rsc1", "node2", "monitor:0:7");
        Transition unmonitored =
                schedule(twoNodes("", dummy("rsc1"), "", history("rsc1", "node1", "monitor:0:0"), probed));
        assertEquals(
                List.of(new Action("rsc1", "node1", "monitor", 10_000, "monitor not running")), unmonitored.actions());
        String oneSecond = dummy("rsc1").replace("interval=\"10s\"", "interval=\"1s\"");
        Transition changed = schedule(twoNodes("", oneSecond, "", running("rsc1", "node1"), probed));
        assertEquals(
                List.of(
                        new Action("rsc1", "node1", "monitor", 1_000, "monitor not running"),
                        new Action("rsc1", "node1", "cancel", 10_000, "monitor no longer configured")),
                changed.actions());
        assertTrue(changed.summary().isEmpty(), "no change Pacemaker would summarize: " + changed.summary());
    }

    @Test
    void aFailureTimeoutTellsWhenToLookAgain() throws Exception {
        String failed = history("rsc1", "node1", "monitor:0:7", "start:0:0", "monitor:10000:7");
        long lastFailure = NOW.getEpochSecond() - 100; // SchedulerCibs' last-rc-change
        Transition t = schedule(twoNodes(
                "",
                dummy("rsc1", nvpair("failure-timeout", "120s")),
                "",
                failed,
                history("rsc1", "node2", "monitor:0:7")));
        assertEquals(
                Optional.of(NOW.plus(Duration.ofSeconds(lastFailure + 120 - NOW.getEpochSecond()))), t.recheckAt());
        Transition never = schedule(twoNodes("", dummy("rsc1"), "", failed, history("rsc1", "node2", "monitor:0:7")));
        assertEquals(Optional.empty(), never.recheckAt());
    }

    /** Whether {@code then} directly waits for {@code first} in the transition's graph (shared with other tests). */
    static boolean waitsFor(Transition t, Action then, Action first) {
        int i = index(t, then);
        int j = index(t, first);
        return t.prerequisites().get(i).contains(j);
    }

    private static int index(Transition t, Action a) {
        for (int i = 0; i < t.actions().size(); i++) {
            Action b = t.actions().get(i);
            if (b.resource().equals(a.resource())
                    && b.node().equals(a.node())
                    && b.operation().equals(a.operation())
                    && b.intervalMs() == a.intervalMs()) {
                return i;
            }
        }
        throw new AssertionError(a + " not in " + t.actions());
    }
}
