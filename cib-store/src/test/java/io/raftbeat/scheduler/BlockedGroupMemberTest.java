package io.raftbeat.scheduler;

import static io.raftbeat.scheduler.SchedulerCibs.NO_FENCING;
import static io.raftbeat.scheduler.SchedulerCibs.cib;
import static io.raftbeat.scheduler.SchedulerCibs.dummy;
import static io.raftbeat.scheduler.SchedulerCibs.history;
import static io.raftbeat.scheduler.SchedulerCibs.node;
import static io.raftbeat.scheduler.SchedulerCibs.nvpair;
import static io.raftbeat.scheduler.SchedulerCibs.running;
import static io.raftbeat.scheduler.SchedulerCibs.schedule;
import static io.raftbeat.scheduler.SchedulerCibs.state;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A group member whose stop failed (blocked, fencing off) holds the members around it in place. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class BlockedGroupMemberTest {
    /** d's stop failed: blocked where it runs until cleaned up. */
    private static final String FAILED_STOP = history("d", "node1", "monitor:0:7", "start:0:0", "stop:0:1");

    @Test
    void membersThatMustStopBeforeABlockedOneStayAndAreNotRestarted() throws Exception {
        // a starts, which would restart b and c; but they stop in reverse order after d, whose stop cannot run.
        String group = "<group id=\"g\">" + dummy("a") + dummy("b") + dummy("c") + dummy("d") + "</group>";
        String status = state(
                "node1",
                true,
                "",
                history("a", "node1", "monitor:0:7"),
                running("b", "node1"),
                running("c", "node1"),
                FAILED_STOP);
        Transition t = schedule(cib(true, NO_FENCING, node("node1"), group, "", status));
        assertEquals(
                List.of(
                        "Start      a       ( node1 )",
                        "Stop       b       ( node1 )  due to unrunnable c stop (blocked)",
                        "Stop       c       ( node1 )  due to unrunnable d stop (blocked)"),
                t.summary());
        assertEquals(
                List.of(new Action("a", "node1", "start", 0, ""), new Action("a", "node1", "monitor", 10000, "")),
                t.actions());
    }

    @Test
    void membersAfterABlockedOneFollowItOrStop() throws Exception {
        // node1 is shutting down; d cannot leave it, and e, colocated with d, cannot go elsewhere.
        String group = "<group id=\"g\">" + dummy("d") + dummy("e") + "</group>";
        String status = state("node1", true, nvpair("shutdown", "1700000000"), FAILED_STOP, running("e", "node1"))
                + state("node2", true, "", history("d", "node2", "monitor:0:7"), history("e", "node2", "monitor:0:7"));
        Transition t = schedule(cib(true, NO_FENCING, node("node1") + node("node2"), group, "", status));
        assertEquals(List.of("Stop       e       ( node1 )  due to node availability"), t.summary());
    }
}
