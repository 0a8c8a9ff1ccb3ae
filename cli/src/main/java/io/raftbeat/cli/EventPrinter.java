package io.raftbeat.cli;

import io.raftbeat.proto.v1.Event;
import java.io.PrintStream;

/**
 * Prints events in revision order, each once: an event at or below the last printed revision (a resumed stream
 * repeating itself) is skipped. Stops accepting after {@code limit} events when a limit is set.
 */
final class EventPrinter {
    private final PrintStream out;
    private final Integer limit;
    private long cursor;
    private int printed;

    EventPrinter(PrintStream out, long since, Integer limit) {
        this.out = out;
        this.cursor = since;
        this.limit = limit;
    }

    /** The last revision printed (or the starting revision): where a resumed watch starts. */
    long cursor() {
        return cursor;
    }

    /** Moves the cursor forward without printing, when the member says nothing lies in between. */
    void skipTo(long revision) {
        cursor = Math.max(cursor, revision);
    }

    /** Prints the event unless it was already printed; returns false once the limit is reached. */
    boolean print(Event event) {
        if (done()) {
            return false;
        }
        if (event.getRevision() > cursor) {
            out.println(EventLine.format(event));
            out.flush();
            cursor = event.getRevision();
            printed++;
        }
        return !done();
    }

    boolean done() {
        return limit != null && printed >= limit;
    }

    /** How many more events may be printed, or 0 when there is no limit. */
    int remaining() {
        return limit == null ? 0 : limit - printed;
    }
}
