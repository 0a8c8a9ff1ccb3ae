package io.raftbeat.scheduler;

import io.raftbeat.status.Scores;
import io.raftbeat.status.Xml;
import java.util.Locale;
import java.util.Map;

/**
 * Pacemaker's node-health-strategy: the {@code #health-*} node attributes (red, yellow, green or a number) turned
 * into a score every resource gets on that node. none ignores them; migrate-on-red bans red nodes; only-green bans
 * red and yellow ones; progressive and custom add node-health-red/-yellow/-green (or the number). Pure.
 */
final class NodeHealthScores {
    private NodeHealthScores() {}

    static int of(Map<String, String> options, Map<String, String> nodeAttributes) {
        String strategy = options.getOrDefault("node-health-strategy", "none").toLowerCase(Locale.ROOT);
        if (strategy.equals("none")) {
            return 0;
        }
        int total = 0;
        for (Map.Entry<String, String> e : nodeAttributes.entrySet()) {
            if (!e.getKey().startsWith("#health")) {
                continue;
            }
            String value = e.getValue().trim().toLowerCase(Locale.ROOT);
            int score =
                    switch (strategy) {
                        case "migrate-on-red" -> value.equals("red") ? -Scores.INFINITY : 0;
                        case "only-green" -> value.equals("red") || value.equals("yellow") ? -Scores.INFINITY : 0;
                        default -> colour(options, value);
                    };
            total = SchedulingInput.add(total, score);
        }
        return total;
    }

    private static int colour(Map<String, String> options, String value) {
        return switch (value) {
            case "red" -> Xml.score(options.getOrDefault("node-health-red", "-INFINITY"));
            case "yellow" -> Xml.score(options.getOrDefault("node-health-yellow", "0"));
            case "green" -> Xml.score(options.getOrDefault("node-health-green", "0"));
            default -> Xml.score(value);
        };
    }
}
