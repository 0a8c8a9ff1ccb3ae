package io.raftbeat.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.raftbeat.proto.v1.Event;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class EventChunksTest {
    private static Event sized(long revision, int bytes) {
        return Event.newBuilder()
                .setRevision(revision)
                .setSummary("x".repeat(bytes))
                .build();
    }

    @Test
    void eventsAreGroupedWithinTheBudgetInOrderAndABigOneTravelsAlone() {
        List<Event> events = new ArrayList<>();
        for (long r = 1; r <= 10; r++) {
            events.add(sized(r, r == 5 ? 5000 : 100));
        }
        List<List<Event>> chunks = EventChunks.split(events, 1000);
        assertEquals(events, chunks.stream().flatMap(List::stream).toList());
        for (List<Event> c : chunks) {
            int size = c.stream().mapToInt(e -> e.getSerializedSize() + 8).sum();
            assertEquals(true, c.size() == 1 || size <= 1000, "chunk " + c.size() + " events, " + size + " bytes");
        }
        assertEquals(
                List.of(5L),
                chunks.stream()
                        .filter(c -> c.size() == 1)
                        .map(c -> c.get(0).getRevision())
                        .toList());
        assertEquals(4, EventChunks.prefix(events, 1000).size());
    }
}
