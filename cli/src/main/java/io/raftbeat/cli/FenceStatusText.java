package io.raftbeat.cli;

import io.raftbeat.proto.v1.FenceOperation;
import io.raftbeat.proto.v1.FenceState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * crm_mon's fencing sections, as Pacemaker 2.1.5 prints them after "Failed Resource Actions" (pcmk__cluster_status_text
 * with {@code --fence-history=LEVEL}): level 0 none; level 1, the default, the reduced history's "Failed Fencing
 * Actions" and "Pending Fencing Actions"; levels 2 and 3 the whole history, failures apart and the rest under
 * "Fencing History". Pure: the caller passes the time.
 */
final class FenceStatusText {
    /**
     * At level 1 Pacemaker shows no successes; issue 5 asks crm_mon -1 to show recent fencing, so successes of the
     * last hour are listed under "Fencing History" too (our addition).
     */
    static final Duration RECENT = Duration.ofHours(1);

    private final FenceHistoryText text;

    FenceStatusText(FenceHistoryText text) {
        this.text = text;
    }

    List<String> lines(List<FenceOperation> history, int level, long nowMs) {
        List<String> lines = new ArrayList<>();
        if (level <= 0) {
            return lines;
        }
        List<FenceOperation> sorted = FenceHistoryText.sorted(history);
        if (level == 1) {
            List<FenceOperation> reduced = FenceHistoryText.reduced(sorted);
            section(lines, "Failed Fencing Actions", reduced, op -> op.getState() == FenceState.FENCE_FAILED, false);
            List<FenceOperation> pending =
                    reduced.stream().takeWhile(FenceHistoryText::pending).toList();
            section(lines, "Pending Fencing Actions", pending, op -> true, false);
            long since = nowMs - RECENT.toMillis();
            section(
                    lines,
                    "Fencing History",
                    reduced,
                    op -> op.getState() == FenceState.FENCE_DONE && op.getCompletedMs() >= since,
                    false);
            return lines;
        }
        section(lines, "Failed Fencing Actions", sorted, op -> op.getState() == FenceState.FENCE_FAILED, true);
        section(lines, "Fencing History", sorted, op -> op.getState() != FenceState.FENCE_FAILED, true);
        return lines;
    }

    private void section(
            List<String> lines, String title, List<FenceOperation> ops, Predicate<FenceOperation> shown, boolean full) {
        boolean header = false;
        for (FenceOperation op : ops) {
            if (!shown.test(op)) {
                continue;
            }
            if (!header) {
                lines.add("");
                lines.add(title + ":");
                header = true;
            }
            lines.add("  * " + text.describe(op, full, FenceHistoryText.laterSucceeded(op, ops), false));
        }
    }
}
