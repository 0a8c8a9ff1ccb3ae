package io.raftbeat.agent.state;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Pacemaker's interval and timeout values ({@code crm_parse_interval_spec}): a number with an optional unit
 * ({@code ms}/{@code msec}, {@code us}/{@code usec}, {@code s}/{@code sec}, {@code m}/{@code min},
 * {@code h}/{@code hr}; none means seconds), or an ISO 8601 duration such as {@code PT20S}. Pure.
 */
public final class IntervalSpec {
    private static final Pattern PLAIN = Pattern.compile("\\s*(\\d+)\\s*([a-z]*)\\s*");

    private IntervalSpec() {}

    /** Milliseconds, or -1 when {@code text} is not an interval. */
    public static long toMillis(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.startsWith("p")) {
            try {
                return java.time.Duration.parse(t.toUpperCase(Locale.ROOT)).toMillis();
            } catch (java.time.format.DateTimeParseException e) {
                return -1;
            }
        }
        Matcher m = PLAIN.matcher(t);
        if (!m.matches()) {
            return -1;
        }
        long n;
        try {
            n = Long.parseLong(m.group(1));
        } catch (NumberFormatException e) {
            return -1;
        }
        return switch (m.group(2)) {
            case "", "s", "sec" -> n * 1000;
            case "ms", "msec" -> n;
            case "us", "usec" -> n / 1000;
            case "m", "min" -> n * 60_000;
            case "h", "hr" -> n * 3_600_000;
            default -> -1;
        };
    }
}
