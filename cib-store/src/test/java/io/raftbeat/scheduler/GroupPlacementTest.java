package io.raftbeat.scheduler;

import static io.raftbeat.scheduler.SchedulerCibs.NO_FENCING;
import static io.raftbeat.scheduler.SchedulerCibs.cib;
import static io.raftbeat.scheduler.SchedulerCibs.dummy;
import static io.raftbeat.scheduler.SchedulerCibs.history;
import static io.raftbeat.scheduler.SchedulerCibs.node;
import static io.raftbeat.scheduler.SchedulerCibs.nvpair;
import static io.raftbeat.scheduler.SchedulerCibs.probed;
import static io.raftbeat.scheduler.SchedulerCibs.running;
import static io.raftbeat.scheduler.SchedulerCibs.schedule;
import static io.raftbeat.scheduler.SchedulerCibs.state;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Where a group goes, as Pacemaker 2.1.5 assigns it through its first member (found by the differential test). */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class GroupPlacementTest {
    private static final String PROBED = "monitor:0:7";

    @Test
    void betweenEqualNodesAGroupPrefersItsFirstMembersNodeNotALaterMembers() throws Exception {
        String group = "<group id=\"g\">" + dummy("a") + dummy("b") + "</group>";
        String xml = cib(
                true,
                NO_FENCING,
                node("node1") + node("node2"),
                group,
                "",
                state("node1", true, "", history("a", "node1", PROBED), history("b", "node1", PROBED))
                        + state("node2", true, "", history("a", "node2", PROBED), running("b", "node2")));
        assertEquals(
                List.of("Start      a       ( node1 )", "Move       b       ( node2 -> node1 )"),
                schedule(xml).summary());
    }

    @Test
    void aMemberWhoseScoresWouldLeaveTheGroupNoNodeIsIgnoredWithEveryMemberAfterIt() throws Exception {
        // b leaves a no node (node1 is -100, node2 is in standby): c's stickiness on node1 no longer counts either.
        String group = "<group id=\"g\">" + dummy("a") + dummy("b")
                + dummy("c", nvpair("resource-stickiness", "INFINITY")) + "</group>";
        String xml = cib(
                true,
                NO_FENCING,
                node("node1") + node("node2", nvpair("standby", "on")),
                group,
                "<rsc_location id=\"avoid\" rsc=\"g\" node=\"node1\" score=\"-100\"/>",
                state("node1", true, "", probed("node1", "a", "b"), running("c", "node1"))
                        + state("node2", true, "", probed("node2", "a", "b", "c")));
        assertEquals(
                List.of("Stop       c       ( node1 )  due to node availability"),
                schedule(xml).summary());
    }
}
