package io.raftbeat.scheduler;

import java.util.ArrayList;
import java.util.List;

/**
 * Pacemaker 2.1.5's "Transition Summary" item layout (pcmk_output.c rsc_action_item): the change padded to 8, the
 * resource id to a width that only grows (len + 2 once an id is longer than 5), the details right-aligned to the
 * longest seen so far, then {@code due to ...} and {@code (blocked)}. One instance per transition.
 */
final class SummaryLines {
    private final List<String> lines = new ArrayList<>();
    private int rscWidth = 5;
    private int detailWidth = 5;

    /** {@code at}: the line's place, so that unfencing found after the resources' lines still comes first. */
    void fence(int at, String node, String action, String reason) {
        lines.add(at, "Fence (" + action + ") " + node + " '" + reason + "'");
    }

    /** @param details {@code node1} or {@code node1 -> node2} */
    void resource(String change, String rsc, String details, String reason, boolean blocked) {
        if (rsc.length() > rscWidth) {
            rscWidth = rsc.length() + 2;
        }
        detailWidth = Math.max(detailWidth, details.length());
        String why = reason == null ? (blocked ? "blocked" : null) : "due to " + reason + (blocked ? " (blocked)" : "");
        lines.add(String.format(
                "%-8s   %-" + rscWidth + "s   ( %" + detailWidth + "s )%s",
                change,
                rsc,
                details,
                why == null ? "" : "  " + why));
    }

    List<String> lines() {
        return List.copyOf(lines);
    }
}
