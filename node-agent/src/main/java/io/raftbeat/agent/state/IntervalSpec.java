package io.raftbeat.agent.state;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Pacemaker's interval and timeout values ({@code crm_get_interval}): a number with an optional unit
 * ({@code ms}/{@code msec}, {@code us}/{@code usec}, {@code s}/{@code sec}, {@code m}/{@code min},
 * {@code h}/{@code hr}; none means seconds), or an ISO 8601 duration such as {@code PT20S} or {@code P1W}. Pure;
 * used by the agent and by the command line tools.
 */
public final class IntervalSpec {
    private static final Pattern PLAIN = Pattern.compile("\\s*(\\d+)\\s*([a-z]*)\\s*");
    private static final Pattern WEEKS = Pattern.compile("P(\\d+)W");
    private static final Pattern ISO =
            Pattern.compile("P(?:(\\d+)Y)?(?:(\\d+)M)?(?:(\\d+)D)?T?(?:(\\d+)H)?(?:(\\d+)M)?(?:(\\d+)S)?");
    private static final long[] ISO_MS = {31_536_000_000L, 2_592_000_000L, 86_400_000L, 3_600_000L, 60_000L, 1000L};

    private IntervalSpec() {}

    /** Milliseconds, or -1 when {@code text} is not an interval. */
    public static long toMillis(String text) {
        String t = text.trim();
        try {
            Matcher plain = PLAIN.matcher(t.toLowerCase(Locale.ROOT));
            if (plain.matches()) {
                long n = Long.parseLong(plain.group(1));
                return switch (plain.group(2)) {
                    case "", "s", "sec" -> n * 1000;
                    case "ms", "msec" -> n;
                    case "us", "usec" -> n / 1000;
                    case "m", "min" -> n * 60_000;
                    case "h", "hr" -> n * 3_600_000;
                    default -> -1;
                };
            }
            String upper = t.toUpperCase(Locale.ROOT);
            Matcher weeks = WEEKS.matcher(upper);
            if (weeks.matches()) {
                return Long.parseLong(weeks.group(1)) * 604_800_000L;
            }
            Matcher iso = ISO.matcher(upper);
            if (iso.matches() && upper.length() > 1) {
                long ms = 0;
                for (int i = 0; i < ISO_MS.length; i++) {
                    ms += iso.group(i + 1) == null ? 0 : Long.parseLong(iso.group(i + 1)) * ISO_MS[i];
                }
                return ms;
            }
        } catch (NumberFormatException e) {
            // too large to be an interval
        }
        return -1;
    }
}
