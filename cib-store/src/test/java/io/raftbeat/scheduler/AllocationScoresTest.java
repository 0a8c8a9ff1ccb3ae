package io.raftbeat.scheduler;

import static io.raftbeat.scheduler.SchedulerCibs.NOW;
import static io.raftbeat.scheduler.SchedulerCibs.dummy;
import static io.raftbeat.scheduler.SchedulerCibs.twoNodes;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.raftbeat.cib.SafeXml;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class AllocationScoresTest {
    private static List<String> scores(String xml) throws Exception {
        return Scheduler.scores(SafeXml.parse(xml, 1 << 20), NOW).stream()
                .map(s -> s.step() + ": " + s.resource() + " on " + s.node() + ": " + s.score())
                .toList();
    }

    @Test
    void aPrimitiveShowsItsLocationScoresByNodeName() throws Exception {
        String prefers = "<rsc_location id=\"l1\" rsc=\"rsc1\" node=\"node2\" score=\"50\"/>";
        assertEquals(
                List.of("pcmk__primitive_assign: rsc1 on node1: 0", "pcmk__primitive_assign: rsc1 on node2: 50"),
                scores(twoNodes("", dummy("rsc1"), prefers, "", "")));
    }

    @Test
    void aGroupShowsItsScoresThenEachMemberPinnedToTheGroupsNode() throws Exception {
        String group = "<group id=\"g\">" + dummy("a") + dummy("b") + "</group>";
        String prefers = "<rsc_location id=\"l1\" rsc=\"g\" node=\"node2\" score=\"100\"/>";
        assertEquals(
                List.of(
                        "pcmk__group_assign: g on node1: 0",
                        "pcmk__group_assign: g on node2: 100",
                        "pcmk__group_assign: a on node1: 0",
                        "pcmk__group_assign: a on node2: 0",
                        "pcmk__group_assign: b on node1: 0",
                        "pcmk__group_assign: b on node2: 0",
                        "pcmk__primitive_assign: a on node1: 0",
                        "pcmk__primitive_assign: a on node2: 100",
                        "pcmk__primitive_assign: b on node1: -1000000",
                        "pcmk__primitive_assign: b on node2: 0"),
                scores(twoNodes("", group, prefers, "", "")));
    }
}
