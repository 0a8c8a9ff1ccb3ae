package io.raftbeat.scheduler;

import static io.raftbeat.scheduler.SchedulerCibs.cib;
import static io.raftbeat.scheduler.SchedulerCibs.dummy;
import static io.raftbeat.scheduler.SchedulerCibs.history;
import static io.raftbeat.scheduler.SchedulerCibs.node;
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
                List.of("Fence (reboot) node1 'node is unclean'", "Move       rsc1    ( node1 -> node2 )"),
                schedule(xml).summary());
    }
}
