package io.raftbeat.watch;

import io.raftbeat.proto.v1.Event;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits events into groups that fit a client's default inbound message limit (4 MiB), so that one large CIB
 * change cannot make a whole batch undeliverable. A single event larger than the budget travels alone.
 */
public final class EventChunks {
    /** Below gRPC's default 4 MiB client limit, with room for the response's other fields. */
    public static final int DEFAULT_BUDGET_BYTES = 3 * 1024 * 1024;

    private EventChunks() {}

    public static List<List<Event>> split(List<Event> events, int budgetBytes) {
        List<List<Event>> out = new ArrayList<>();
        List<Event> current = new ArrayList<>();
        long size = 0;
        for (Event e : events) {
            int n = e.getSerializedSize() + 8;
            if (!current.isEmpty() && size + n > budgetBytes) {
                out.add(current);
                current = new ArrayList<>();
                size = 0;
            }
            current.add(e);
            size += n;
        }
        if (!current.isEmpty()) {
            out.add(current);
        }
        return out;
    }

    /** The longest prefix of {@code events} within the budget (at least one event). */
    public static List<Event> prefix(List<Event> events, int budgetBytes) {
        List<List<Event>> chunks = split(events, budgetBytes);
        return chunks.isEmpty() ? List.of() : chunks.get(0);
    }
}
