package io.raftbeat.scheduler;

import java.util.ArrayList;
import java.util.List;

/**
 * Transition Summary lines compared as the CTS scorer ({@code /work/shared/tools/cts-score}) compares them: as a
 * sorted multiset, white space normalised, the free-text reason ({@code due to ...}, a quoted fence reason) dropped,
 * {@code (blocked)} kept. Test code.
 */
final class TransitionSummaries {
    private TransitionSummaries() {}

    /** The {@code * ...} items under crm_simulate's "Transition Summary:" heading, without the bullet. */
    static List<String> section(String output) {
        List<String> items = new ArrayList<>();
        boolean inside = false;
        for (String line : output.split("\n", -1)) {
            if (line.startsWith("Transition Summary:")) {
                inside = true;
                continue;
            }
            if (!inside) {
                continue;
            }
            String s = line.strip();
            if (s.isEmpty()) {
                if (!items.isEmpty()) {
                    break;
                }
                continue;
            }
            if (!s.startsWith("*")) {
                break;
            }
            items.add(s.substring(1).strip());
        }
        return items;
    }

    static List<String> normalised(List<String> items) {
        List<String> out = new ArrayList<>();
        for (String item : items) {
            out.add(normalised(item));
        }
        out.sort(null);
        return out;
    }

    private static String normalised(String s) {
        boolean blocked = s.contains("(blocked)");
        s = s.replaceAll("\\s+due to .*$", "")
                .replaceAll("\\s*\\(blocked\\)\\s*$", "")
                .replaceAll("'[^']*'\\s*$", "")
                .replaceAll("\\(\\s*", "(")
                .replaceAll("\\s*\\)", ")")
                .replaceAll("\\s+", " ")
                .strip();
        return s + (blocked ? " (blocked)" : "");
    }
}
