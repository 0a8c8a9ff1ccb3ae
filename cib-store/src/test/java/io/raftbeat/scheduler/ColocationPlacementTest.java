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

/** Colocation scores as Pacemaker 2.1.5 weighs them (found by the differential test; each checked against it). */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ColocationPlacementTest {
    private static final String PROBED = "monitor:0:7";

    private static String colocation(String rsc, String with, String score) {
        return "<rsc_colocation id=\"" + rsc + "-with-" + with + "\" rsc=\"" + rsc + "\" with-rsc=\"" + with
                + "\" score=\"" + score + "\"/>";
    }

    private static String ban(String rsc, String node) {
        return "<rsc_location id=\"ban-" + rsc + "-" + node + "\" rsc=\"" + rsc + "\" node=\"" + node
                + "\" score=\"-INFINITY\"/>";
    }

    @Test
    void aDependentPlacedFirstStillPullsItsPrimaryTowardsTheNodesItCanUse() throws Exception {
        // rsc1 comes first and assigns rsc2 before itself: its bans must still weigh on rsc2 (1000 / INFINITY).
        String xml = cib(
                true,
                NO_FENCING,
                node("node1") + node("node2") + node("node3"),
                dummy("rsc1") + dummy("rsc2"),
                colocation("rsc1", "rsc2", "1000") + ban("rsc1", "node1") + ban("rsc1", "node2"),
                state("node1", true, "") + state("node2", true, "") + state("node3", true, ""));
        assertEquals(
                List.of("Start      rsc1    ( node3 )", "Start      rsc2    ( node3 )"),
                schedule(xml).summary());
    }

    @Test
    void aNegativeScoreWithASmallDependentScoreStillPushesThePrimaryAway() throws Exception {
        // rsc1's stickiness 28 on node1 times -100 / INFINITY rounds to 0, which Pacemaker makes -1: rsc2 avoids node1.
        String xml = cib(
                true,
                NO_FENCING,
                node("node1") + node("node2"),
                dummy("rsc1", nvpair("resource-stickiness", "28")) + dummy("rsc2"),
                colocation("rsc1", "rsc2", "-100"),
                state("node1", true, "", running("rsc1", "node1"), history("rsc2", "node1", PROBED))
                        + state("node2", true, "", history("rsc1", "node2", PROBED), history("rsc2", "node2", PROBED)));
        assertEquals(List.of("Start      rsc2    ( node2 )"), schedule(xml).summary());
    }

    @Test
    void aColocationWithAGroupThatWillNotRunHasNoEffect() throws Exception {
        // The group is disabled: its first member, still on node1, is not where it is assigned.
        String group = "<group id=\"g\"><meta_attributes id=\"g-meta\">" + nvpair("target-role", "Stopped")
                + "</meta_attributes>" + dummy("a") + dummy("b") + "</group>";
        String xml = cib(
                true,
                NO_FENCING,
                node("node1") + node("node2"),
                group + dummy("rsc3"),
                colocation("rsc3", "g", "-INFINITY"),
                state("node1", true, "", running("a", "node1"), probed("node1", "b", "rsc3"))
                        + state("node2", true, "", probed("node2", "a", "b", "rsc3")));
        assertEquals(
                List.of("Stop       a       ( node1 )  due to node availability", "Start      rsc3    ( node1 )"),
                schedule(xml).summary());
    }
}
