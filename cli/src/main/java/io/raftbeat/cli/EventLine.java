package io.raftbeat.cli;

import io.raftbeat.proto.v1.Change;
import io.raftbeat.proto.v1.ChangeType;
import io.raftbeat.proto.v1.Event;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One readable line per event: revision, ISO time, kind, node/resource ({@code -} when neither), summary. For
 * example {@code 42 2026-11-24T16:20:01.512Z cib-update -/test_8 modify resources: primitive test_8}.
 */
final class EventLine {
    private EventLine() {}

    static String format(Event event) {
        return event.getRevision()
                + " " + Instant.ofEpochMilli(event.getTimeUnixMs())
                + " " + (event.getKind().isEmpty() ? "event" : event.getKind())
                + " " + subject(event)
                + " " + summary(event);
    }

    private static String subject(Event event) {
        String node = event.getNode();
        String resource = event.getResource();
        if (node.isEmpty() && resource.isEmpty()) {
            return "-";
        }
        return (node.isEmpty() ? "-" : node) + "/" + (resource.isEmpty() ? "-" : resource);
    }

    private static String summary(Event event) {
        String summary = event.getSummary().replace('\n', ' ').strip();
        if (!summary.isEmpty()) {
            return summary;
        }
        List<String> changes = new ArrayList<>();
        for (Change change : event.getChangesList()) {
            String verb = change.getType() == ChangeType.CHANGE_DELETE ? "delete" : "put";
            changes.add(verb + " " + change.getSection() + "/" + change.getId());
        }
        return changes.isEmpty() ? "(no details)" : String.join(", ", changes);
    }
}
