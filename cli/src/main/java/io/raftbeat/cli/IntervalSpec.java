package io.raftbeat.cli;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An operation interval as Pacemaker's {@code crm_get_interval} reads it: a number with an optional unit (seconds by
 * default; ms, s, m, h, us) or an ISO 8601 duration ({@code PT10S}, {@code P1W}); in milliseconds.
 */
final class IntervalSpec {
    private static final Pattern PLAIN = Pattern.compile("\\s*(\\d+)\\s*([a-z]*)\\s*");
    private static final Pattern WEEKS = Pattern.compile("P(\\d+)W");
    private static final Pattern ISO =
            Pattern.compile("P(?:(\\d+)Y)?(?:(\\d+)M)?(?:(\\d+)D)?T?(?:(\\d+)H)?(?:(\\d+)M)?(?:(\\d+)S)?");
    private static final long[] ISO_MS = {31_536_000_000L, 2_592_000_000L, 86_400_000L, 3_600_000L, 60_000L, 1000L};

    private IntervalSpec() {}

    /** Milliseconds, or a usage error naming the option and the value. */
    static long toMillis(String spec, String option) throws CliFailure {
        Matcher plain = PLAIN.matcher(spec.toLowerCase(Locale.ROOT));
        try {
            if (plain.matches()) {
                long n = Long.parseLong(plain.group(1));
                switch (plain.group(2)) {
                    case "", "s", "sec" -> {
                        return n * 1000;
                    }
                    case "ms", "msec" -> {
                        return n;
                    }
                    case "m", "min" -> {
                        return n * 60_000;
                    }
                    case "h", "hr" -> {
                        return n * 3_600_000;
                    }
                    case "us", "usec" -> {
                        return n / 1000;
                    }
                    default -> {}
                }
            }
            Matcher weeks = WEEKS.matcher(spec);
            if (weeks.matches()) {
                return Long.parseLong(weeks.group(1)) * 604_800_000L;
            }
            Matcher iso = ISO.matcher(spec);
            if (iso.matches() && spec.length() > 1) {
                long ms = 0;
                for (int i = 0; i < ISO_MS.length; i++) {
                    ms += iso.group(i + 1) == null ? 0 : Long.parseLong(iso.group(i + 1)) * ISO_MS[i];
                }
                return ms;
            }
        } catch (NumberFormatException e) {
            // too large: reported below
        }
        throw CliFailure.usage(option + " must be an interval such as 10s, 5000ms or PT1M, not '" + spec + "'");
    }
}
