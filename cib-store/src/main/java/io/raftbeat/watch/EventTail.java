package io.raftbeat.watch;

import io.raftbeat.proto.v1.Event;
import java.util.ArrayList;
import java.util.List;

/**
 * The newest events in memory, a ring of consecutive revisions. Not thread-safe: {@link WatchHub} guards it.
 */
final class EventTail {
    private final Event[] ring;
    private int size;
    private int head; // index of the oldest event
    private long last; // revision of the newest event, or the revision the tail starts after when empty

    EventTail(int capacity, long revision) {
        this.ring = new Event[capacity];
        this.last = revision;
    }

    void add(Event e) {
        if (e.getRevision() != last + 1) {
            // Not consecutive (cannot happen with one writer); start over so readers fall back to the event log.
            reset(e.getRevision() - 1);
        }
        if (size == ring.length) {
            ring[head] = e;
            head = (head + 1) % ring.length;
        } else {
            ring[(head + size) % ring.length] = e;
            size++;
        }
        last = e.getRevision();
    }

    /** Empties the tail and starts it after {@code revision} (after a snapshot was installed). */
    void reset(long revision) {
        java.util.Arrays.fill(ring, null);
        size = 0;
        head = 0;
        last = revision;
    }

    long last() {
        return last;
    }

    /** Up to {@code limit} events after {@code after}, or null when the tail no longer holds {@code after + 1}. */
    List<Event> after(long after, int limit) {
        long first = last - size + 1;
        if (after >= last) {
            return List.of();
        }
        if (after + 1 < first) {
            return null;
        }
        List<Event> out = new ArrayList<>();
        for (long r = after + 1; r <= last && out.size() < limit; r++) {
            out.add(ring[(int) ((head + (r - first)) % ring.length)]);
        }
        return out;
    }
}
