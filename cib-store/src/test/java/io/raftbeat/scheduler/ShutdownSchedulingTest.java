package io.raftbeat.scheduler;

import static io.raftbeat.scheduler.SchedulerCibs.NODES;
import static io.raftbeat.scheduler.SchedulerCibs.NO_FENCING;
import static io.raftbeat.scheduler.SchedulerCibs.cib;
import static io.raftbeat.scheduler.SchedulerCibs.dummy;
import static io.raftbeat.scheduler.SchedulerCibs.history;
import static io.raftbeat.scheduler.SchedulerCibs.nvpair;
import static io.raftbeat.scheduler.SchedulerCibs.running;
import static io.raftbeat.scheduler.SchedulerCibs.schedule;
import static io.raftbeat.scheduler.SchedulerCibs.state;
import static io.raftbeat.scheduler.TransitionOrderTest.waitsFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A node whose transient {@code shutdown} attribute is set hosts nothing: its resources move away or stop, in the
 * order the constraints require. The summaries are Pacemaker 2.1.5's crm_simulate on the same CIBs.
 */
@Timeout(30)
class ShutdownSchedulingTest {
    private static final String SHUTDOWN = nvpair("shutdown", "1767225500");
    private static final String GROUP = "<group id=\"g\">" + dummy("a") + dummy("b") + "</group>";

    /** rsc1 and group g (a, b) run on node1, sticky there; node1's and node2's transient attributes as given. */
    private static String cibWith(String transients1, String transients2, String constraints) {
        String probed = history("rsc1", "node2", "monitor:0:7")
                + history("a", "node2", "monitor:0:7")
                + history("b", "node2", "monitor:0:7");
        return cib(
                true,
                NO_FENCING + nvpair("default-resource-stickiness", "100"),
                NODES,
                dummy("rsc1") + GROUP,
                constraints,
                state(
                                "node1",
                                true,
                                transients1,
                                running("rsc1", "node1"),
                                running("a", "node1"),
                                running("b", "node1"))
                        + state("node2", true, transients2, probed));
    }

    @Test
    void aShuttingDownNodesResourcesMoveAway() throws Exception {
        Transition t = schedule(cibWith(SHUTDOWN, "", ""));
        assertEquals(
                List.of(
                        "Move       rsc1    ( node1 -> node2 )",
                        "Move       a       ( node1 -> node2 )",
                        "Move       b       ( node1 -> node2 )"),
                t.summary());
    }

    @Test
    void shutdownZeroIsNotShuttingDown() throws Exception {
        assertEquals(
                List.of(), schedule(cibWith(nvpair("shutdown", "0"), "", "")).summary());
    }

    @Test
    void withEveryNodeShuttingDownTheResourcesStop() throws Exception {
        Transition t = schedule(cibWith(SHUTDOWN, SHUTDOWN, ""));
        assertEquals(
                List.of(
                        "Stop       rsc1    ( node1 )  due to node availability",
                        "Stop       a       ( node1 )  due to node availability",
                        "Stop       b       ( node1 )  due to node availability"),
                t.summary());
    }

    @Test
    void theStopsFollowTheOrderConstraintsInReverse() throws Exception {
        Transition t = schedule(cibWith(SHUTDOWN, "", "<rsc_order id=\"o\" first=\"rsc1\" then=\"g\"/>"));
        assertEquals(List.of(new Action("b", "node1", "stop", 0, "")), t.ready());
        Action stopA = new Action("a", "node1", "stop", 0, "");
        Action stopRsc1 = new Action("rsc1", "node1", "stop", 0, "");
        assertTrue(waitsFor(t, stopRsc1, stopA), "rsc1 (first) stops after the group (then): " + t);
        assertTrue(waitsFor(t, new Action("a", "node2", "start", 0, ""), new Action("rsc1", "node2", "start", 0, "")));
    }
}
