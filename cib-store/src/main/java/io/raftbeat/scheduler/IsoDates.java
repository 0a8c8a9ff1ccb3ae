package io.raftbeat.scheduler;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The ISO 8601 forms Pacemaker's crm_time accepts in rules and {@code crm_simulate -t}: a calendar date
 * ({@code 2005-08-11}) or an ordinal one ({@code 2005-020}), then optionally {@code T} or a space and a time
 * ({@code 12:30}, {@code 12:30:00}, with {@code Z} or {@code +hh:mm}); UTC when no offset is given. Pure.
 */
public final class IsoDates {
    private static final Pattern FORM = Pattern.compile(
            "(\\d{4})-(?:(\\d{2})-(\\d{2})|(\\d{3}))(?:[T ](\\d{1,2}):(\\d{2})(?::(\\d{2}))?)?\\s*(Z|[+-]\\d{2}:?\\d{2})?");

    private IsoDates() {}

    /** The instant, or null when the text is not such a date. */
    public static Instant parse(String text) {
        if (text == null) {
            return null;
        }
        Matcher m = FORM.matcher(text.trim());
        if (!m.matches()) {
            return null;
        }
        try {
            int year = Integer.parseInt(m.group(1));
            LocalDate date = m.group(4) != null
                    ? LocalDate.ofYearDay(year, Integer.parseInt(m.group(4)))
                    : LocalDate.of(year, Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
            LocalTime time = m.group(5) == null
                    ? LocalTime.MIDNIGHT
                    : LocalTime.of(
                            Integer.parseInt(m.group(5)),
                            Integer.parseInt(m.group(6)),
                            m.group(7) == null ? 0 : Integer.parseInt(m.group(7)));
            ZoneOffset offset = m.group(8) == null || m.group(8).equals("Z")
                    ? ZoneOffset.UTC
                    : ZoneOffset.of(
                            m.group(8).length() == 5
                                    ? m.group(8).substring(0, 3) + ":"
                                            + m.group(8).substring(3)
                                    : m.group(8));
            return date.atTime(time).toInstant(offset);
        } catch (java.time.DateTimeException | NumberFormatException e) {
            return null;
        }
    }
}
