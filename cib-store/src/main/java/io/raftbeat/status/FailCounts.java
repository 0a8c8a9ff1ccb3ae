package io.raftbeat.status;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads fail counts from one node's transient attributes, as Pacemaker's pe_get_failcount does. Pure. */
final class FailCounts {
    private static final String COUNT = "fail-count-";
    private static final String LAST = "last-failure-";

    private FailCounts() {}

    static List<FailCount> of(String node, Map<String, String> transientAttributes) {
        Map<String, int[]> counts = new LinkedHashMap<>();
        Map<String, Long> last = new LinkedHashMap<>();
        transientAttributes.forEach((name, value) -> {
            if (name.startsWith(COUNT)) {
                counts.merge(resourceOf(name, COUNT), new int[] {Xml.score(value)}, (a, b) ->
                        new int[] {Scores.add(a[0], b[0])});
            } else if (name.startsWith(LAST)) {
                last.merge(resourceOf(name, LAST), parseSeconds(value), Math::max);
            }
        });
        List<FailCount> result = new ArrayList<>();
        for (String rsc : union(counts.keySet(), last.keySet())) {
            int count = counts.containsKey(rsc) ? counts.get(rsc)[0] : 0;
            result.add(new FailCount(node, rsc, count, last.getOrDefault(rsc, 0L)));
        }
        return result;
    }

    /** {@code fail-count-d1#monitor_10000} and {@code fail-count-d1} both name d1. */
    private static String resourceOf(String name, String prefix) {
        String rest = name.substring(prefix.length());
        int hash = rest.lastIndexOf('#');
        return hash < 0 ? rest : rest.substring(0, hash);
    }

    private static long parseSeconds(String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static List<String> union(Iterable<String> a, Iterable<String> b) {
        List<String> all = new ArrayList<>();
        a.forEach(all::add);
        b.forEach(n -> {
            if (!all.contains(n)) {
                all.add(n);
            }
        });
        return all;
    }
}
