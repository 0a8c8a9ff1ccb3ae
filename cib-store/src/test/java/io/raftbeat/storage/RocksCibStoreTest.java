package io.raftbeat.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.raftbeat.cib.CibDelta;
import io.raftbeat.cib.ElementKey;
import io.raftbeat.proto.v1.Event;
import io.raftbeat.proto.v1.Member;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class RocksCibStoreTest {
    @TempDir
    Path dir;

    private static final long DAY = Duration.ofDays(1).toMillis();

    private static Event event(long revision, long time) {
        return Event.newBuilder()
                .setRevision(revision)
                .setTimeUnixMs(time)
                .setKind("test")
                .build();
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void committedElementsEventsAndCountersSurviveReopen() throws Exception {
        ElementKey a = new ElementKey("resources", 1);
        ElementKey b = new ElementKey("resources", 2);
        try (RocksCibStore s = RocksCibStore.open(dir, EventRetention.defaults())) {
            s.commit(new CommittedCommand(
                    7,
                    1000,
                    new CibDelta(utf8("<cib/>"), Map.of(a, utf8("<a/>"), b, utf8("<b/>")), Set.of(), List.of()),
                    event(1, 1000),
                    List.of(Member.newBuilder().setId("store1").build())));
            s.commit(new CommittedCommand(
                    8,
                    2000,
                    new CibDelta(utf8("<cib epoch='1'/>"), Map.of(), Set.of(a), List.of()),
                    event(2, 2000),
                    null));
            s.commit(CommittedCommand.failed(9));
        }
        try (RocksCibStore s = RocksCibStore.open(dir, EventRetention.defaults())) {
            StoredState st = s.load();
            assertEquals(9, st.appliedIndex());
            assertEquals(2, st.revision());
            assertEquals(1, st.firstRetained());
            assertArrayEquals(utf8("<cib epoch='1'/>"), st.skeleton());
            assertEquals(Set.of(b), st.parts().keySet());
            assertEquals("store1", st.members().get(0).getId());
            assertEquals(
                    List.of(1L, 2L),
                    s.readEvents(0, 10).stream().map(Event::getRevision).toList());
        }
    }

    @Test
    void freshStoreHasNothing() throws Exception {
        try (RocksCibStore s = RocksCibStore.open(dir, EventRetention.defaults())) {
            StoredState st = s.load();
            assertNull(st.skeleton());
            assertEquals(0, st.appliedIndex());
            assertEquals(0, st.revision());
            assertEquals(1, st.firstRetained());
        }
    }

    @Test
    void retentionByCountKeepsTheNewest() throws Exception {
        try (RocksCibStore s = RocksCibStore.open(dir, new EventRetention(3, Duration.ofDays(7)))) {
            for (long r = 1; r <= 10; r++) {
                s.commit(new CommittedCommand(r, 1000 + r, null, event(r, 1000 + r), null));
            }
            assertEquals(8, s.firstRetained());
            assertEquals(
                    List.of(8L, 9L, 10L),
                    s.readEvents(0, 100).stream().map(Event::getRevision).toList());
        }
    }

    @Test
    void retentionByAgeUsesTheCommandsTimeNotTheClock() throws Exception {
        try (RocksCibStore s = RocksCibStore.open(dir, new EventRetention(100, Duration.ofDays(1)))) {
            s.commit(new CommittedCommand(1, 0, null, event(1, 0), null));
            s.commit(new CommittedCommand(2, DAY / 2, null, event(2, DAY / 2), null));
            s.commit(new CommittedCommand(3, DAY, null, event(3, DAY), null));
            assertEquals(1, s.firstRetained(), "nothing is older than a day at time DAY");
            s.commit(new CommittedCommand(4, DAY + DAY / 2 + 1, null, event(4, DAY + DAY / 2 + 1), null));
            assertEquals(3, s.firstRetained());
            // Far in the future: everything but the newest event goes.
            s.commit(new CommittedCommand(5, 100 * DAY, null, event(5, 100 * DAY), null));
            assertEquals(5, s.firstRetained());
            assertEquals(
                    List.of(5L),
                    s.readEvents(0, 100).stream().map(Event::getRevision).toList());
        }
    }

    @Test
    void restoreFromCheckpointReplacesEverything() throws Exception {
        Path checkpoint = dir.resolve("cp");
        ElementKey a = new ElementKey("nodes", 1);
        try (RocksCibStore s = RocksCibStore.open(dir.resolve("db"), EventRetention.defaults())) {
            s.commit(new CommittedCommand(
                    1,
                    5,
                    new CibDelta(utf8("<cib/>"), Map.of(a, utf8("<node/>")), Set.of(), List.of()),
                    event(1, 5),
                    null));
            s.checkpoint(checkpoint);
            s.commit(new CommittedCommand(
                    2, 6, new CibDelta(utf8("<cib x='1'/>"), Map.of(), Set.of(a), List.of()), event(2, 6), null));
            StoredState st = s.restore(checkpoint);
            assertEquals(1, st.appliedIndex());
            assertEquals(1, st.revision());
            assertEquals(Set.of(a), st.parts().keySet());
            assertArrayEquals(utf8("<cib/>"), st.skeleton());
            assertEquals(1, s.readEvents(0, 10).size());
        }
    }

    @Test
    void requestIdsAreRememberedAsLongAsTheirEvent() throws Exception {
        try (RocksCibStore s = RocksCibStore.open(dir, new EventRetention(2, Duration.ofDays(7)))) {
            s.commit(new CommittedCommand(1, 1, null, event(1, 1), null, "req-a"));
            assertEquals(1, s.findRequest("req-a").getRevision());
            assertNull(s.findRequest("req-b"));
            s.commit(new CommittedCommand(2, 2, null, event(2, 2), null, "req-b"));
            s.commit(new CommittedCommand(3, 3, null, event(3, 3), null));
            assertNull(s.findRequest("req-a"), "event 1 was pruned, and its request id with it");
            assertEquals(2, s.findRequest("req-b").getRevision());
        }
    }
}
