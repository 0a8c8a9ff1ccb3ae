package io.raftbeat.scheduler;

import java.util.Locale;

/** Pacemaker's interval specs: {@code 60}, {@code 60s}, {@code 10m}, {@code 1h}, {@code 500ms}. Pure. */
public final class Durations {
    private Durations() {}

    public static long seconds(String spec) {
        return millis(spec) / 1000;
    }

    /** Milliseconds; 0 when the text is empty or not a duration. */
    public static long millis(String spec) {
        if (spec == null || spec.isBlank()) {
            return 0;
        }
        String s = spec.trim().toLowerCase(Locale.ROOT);
        long unit = 1000;
        String[][] units = {
            {"ms", "1"},
            {"msec", "1"},
            {"s", "1000"},
            {"sec", "1000"},
            {"m", "60000"},
            {"min", "60000"},
            {"h", "3600000"},
            {"hr", "3600000"}
        };
        for (String[] u : units) {
            if (s.endsWith(u[0])
                    && s.length() > u[0].length()
                    && Character.isDigit(s.charAt(s.length() - u[0].length() - 1))) {
                unit = Long.parseLong(u[1]);
                s = s.substring(0, s.length() - u[0].length());
            }
        }
        try {
            return Long.parseLong(s.trim()) * unit;
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
