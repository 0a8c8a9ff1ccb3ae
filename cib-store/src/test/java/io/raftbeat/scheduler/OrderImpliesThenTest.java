package io.raftbeat.scheduler;

import static io.raftbeat.scheduler.SchedulerCibs.NODES;
import static io.raftbeat.scheduler.SchedulerCibs.cib;
import static io.raftbeat.scheduler.SchedulerCibs.dummy;
import static io.raftbeat.scheduler.SchedulerCibs.history;
import static io.raftbeat.scheduler.SchedulerCibs.nvpair;
import static io.raftbeat.scheduler.SchedulerCibs.running;
import static io.raftbeat.scheduler.SchedulerCibs.schedule;
import static io.raftbeat.scheduler.SchedulerCibs.state;
import static io.raftbeat.scheduler.SchedulerCibs.twoNodes;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Orders whose first action, when it happens, requires the then action: the then resource restarts in place. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class OrderImpliesThenTest {
    private static final String STICKY = nvpair("resource-stickiness", "100");
    private static final String FIRST_MOVES =
            "<rsc_location id=\"away\" rsc=\"a\" node=\"node1\" score=\"-INFINITY\"/>";

    @Test
    void anOptionalStopOrderRestartsAThenWithRestartTypeRestart() throws Exception {
        String order = "<rsc_order id=\"o\" first=\"a\" first-action=\"stop\" then=\"b\" then-action=\"stop\""
                + " kind=\"Optional\"/>";
        String b = dummy("b", STICKY, nvpair("restart-type", "restart"));
        Transition t = schedule(twoNodes(
                "",
                dummy("a") + b,
                FIRST_MOVES + order,
                running("a", "node1"),
                running("b", "node2") + history("a", "node2", "monitor:0:7")));
        assertEquals(
                List.of("Move       a       ( node1 -> node2 )", "Restart    b       (          node2 )"), t.summary());
        // Without restart-type, an optional order changes nothing.
        Transition plain = schedule(twoNodes(
                "",
                dummy("a") + dummy("b", STICKY),
                FIRST_MOVES + order,
                running("a", "node1"),
                running("b", "node2") + history("a", "node2", "monitor:0:7")));
        assertEquals(List.of("Move       a       ( node1 -> node2 )"), plain.summary());
    }

    @Test
    void aMandatoryStopOrderRestartsItsThen() throws Exception {
        String order = "<rsc_order id=\"o\" first=\"a\" first-action=\"stop\" then=\"b\" then-action=\"stop\"/>";
        Transition t = schedule(twoNodes(
                "",
                dummy("a") + dummy("b", STICKY),
                FIRST_MOVES + order,
                running("a", "node1"),
                running("b", "node2") + history("a", "node2", "monitor:0:7")));
        assertEquals(
                List.of("Move       a       ( node1 -> node2 )", "Restart    b       (          node2 )"), t.summary());
    }

    @Test
    void aLostNodeIsFencedInPacemakersWordsForWhatWasLost() throws Exception {
        // In the membership but without its controller (no crmd recorded): the peer process is gone.
        String noController = state("node1", false, "", running("a", "node1"))
                .replace("in_ccm=\"false\" crmd=\"offline\"", "in_ccm=\"true\"");
        Transition t = schedule(
                cib(true, "", NODES, dummy("a"), "", noController + state("node2", true, "", history("a", "node2"))));
        assertEquals(
                "Fence (reboot) node1 'peer process is no longer available'",
                t.summary().get(0));
    }
}
