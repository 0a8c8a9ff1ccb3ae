package io.raftbeat.watch;

import io.raftbeat.proto.v1.Change;
import io.raftbeat.proto.v1.Event;
import io.raftbeat.proto.v1.WatchRequest;
import java.util.List;
import java.util.Set;

/**
 * A watcher's filter: keeps the changes in the given sections, under the given path prefix and concerning the given
 * node; an event that changed no CIB element passes only when asked for ({@code include_non_cib}) and, with a node
 * filter, when it concerns that node. Pure and thread-safe.
 */
public record EventFilter(Set<String> sections, String pathPrefix, String node, boolean includeNonCib) {
    public static EventFilter of(WatchRequest request) {
        return new EventFilter(
                Set.copyOf(request.getSectionsList()),
                request.getXpathPrefix(),
                request.getNode(),
                request.getIncludeNonCib());
    }

    /** The event with only the matching changes, or null when nothing in it matches. */
    public Event apply(Event event) {
        if (event.getChangesCount() == 0) {
            return includeNonCib && (node.isEmpty() || node.equals(event.getNode())) ? event : null;
        }
        List<Change> kept =
                event.getChangesList().stream().filter(this::matches).toList();
        if (kept.isEmpty()) {
            return null;
        }
        if (kept.size() == event.getChangesCount()) {
            return event;
        }
        return event.toBuilder().clearChanges().addAllChanges(kept).build();
    }

    private boolean matches(Change c) {
        return (sections.isEmpty() || sections.contains(c.getSection()))
                && (pathPrefix.isEmpty() || c.getPath().startsWith(pathPrefix))
                && (node.isEmpty() || node.equals(c.getNode()));
    }
}
