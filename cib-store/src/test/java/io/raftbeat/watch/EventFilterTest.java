package io.raftbeat.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.raftbeat.proto.v1.Change;
import io.raftbeat.proto.v1.Event;
import io.raftbeat.proto.v1.WatchRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class EventFilterTest {
    private static final Change RSC = Change.newBuilder()
            .setSection("resources")
            .setId("ip")
            .setPath("/cib/configuration/resources/primitive[@id='ip']")
            .build();
    private static final Change NODE1 = Change.newBuilder()
            .setSection("status")
            .setId("node1")
            .setPath("/cib/status/node_state[@id='node1']")
            .setNode("node1")
            .build();
    private static final Event BOTH =
            Event.newBuilder().setRevision(5).addChanges(RSC).addChanges(NODE1).build();
    private static final Event LEADER = Event.newBuilder()
            .setRevision(6)
            .setKind("leader-change")
            .setNode("store1")
            .build();

    private static EventFilter filter(WatchRequest.Builder b) {
        return EventFilter.of(b.build());
    }

    @Test
    void noFilterPassesEveryCibEventWhole() {
        assertSame(BOTH, filter(WatchRequest.newBuilder()).apply(BOTH));
    }

    @Test
    void sectionPathAndNodeFiltersKeepOnlyMatchingChanges() {
        assertEquals(
                java.util.List.of(RSC),
                filter(WatchRequest.newBuilder().addSections("resources"))
                        .apply(BOTH)
                        .getChangesList());
        assertEquals(
                java.util.List.of(NODE1),
                filter(WatchRequest.newBuilder().setXpathPrefix("/cib/status"))
                        .apply(BOTH)
                        .getChangesList());
        assertEquals(
                java.util.List.of(NODE1),
                filter(WatchRequest.newBuilder().setNode("node1")).apply(BOTH).getChangesList());
        assertNull(filter(WatchRequest.newBuilder().setNode("node2")).apply(BOTH));
        assertNull(filter(WatchRequest.newBuilder().addSections("constraints")).apply(BOTH));
    }

    @Test
    void eventsWithoutCibChangesPassOnlyWhenAskedFor() {
        assertNull(filter(WatchRequest.newBuilder()).apply(LEADER));
        assertSame(
                LEADER, filter(WatchRequest.newBuilder().setIncludeNonCib(true)).apply(LEADER));
        assertNull(filter(WatchRequest.newBuilder().setIncludeNonCib(true).setNode("node1"))
                .apply(LEADER));
    }
}
