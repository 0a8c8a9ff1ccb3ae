package io.raftbeat.cli;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.Locale;

/** The words and number formats Pacemaker's tools print: exit-code names, times, intervals, node name order. */
final class PacemakerText {
    private static final DateTimeFormatter CTIME =
            DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss yyyy", Locale.ENGLISH);

    /** Pacemaker's pe__cmp_node_name: case-insensitive, runs of digits compared as numbers. */
    static final Comparator<String> NODE_ORDER = PacemakerText::compareNatural;

    private PacemakerText() {}

    /** services_ocf_exitcode_str: the OCF exit code as crm_mon and crm_resource name it. */
    static String ocfName(int rc) {
        return switch (rc) {
            case 0 -> "ok";
            case 1 -> "error";
            case 2 -> "invalid parameter";
            case 3 -> "unimplemented feature";
            case 4 -> "insufficient privileges";
            case 5 -> "not installed";
            case 6 -> "not configured";
            case 7 -> "not running";
            case 8 -> "promoted";
            case 9 -> "promoted (failed)";
            case 190 -> "degraded";
            case 191 -> "promoted (degraded)";
            default -> "unknown";
        };
    }

    /** crm_exit_str for the OCF range: what "Error performing operation: …" names. */
    static String exitName(int rc) {
        return switch (rc) {
            case 0 -> "OK";
            case 1 -> "Error occurred";
            case 2 -> "Invalid parameter";
            case 3 -> "Unimplemented";
            case 4 -> "Insufficient privileges";
            case 5 -> "Not installed";
            case 6 -> "Not configured";
            case 7 -> "Not running";
            case 8 -> "Promoted";
            case 9 -> "Failed in promoted role";
            case 190 -> "Service is active but might fail soon";
            case 191 -> "Service is promoted but might fail soon";
            default -> "Unknown exit status";
        };
    }

    /** pcmk_exec_status_str, by Pacemaker's op-status number. */
    static String execStatusName(int opStatus) {
        return switch (opStatus) {
            case -1 -> "Pending";
            case 0 -> "complete";
            case 1 -> "Cancelled";
            case 2 -> "Timed Out";
            case 3 -> "Unsupported";
            case 4 -> "Error";
            case 5 -> "Hard error";
            case 6 -> "Fatal error";
            case 7 -> "Not installed";
            default -> "Unknown";
        };
    }

    /** ctime(3) without its newline, in the local time zone: "Tue Nov 14 22:13:20 2023". */
    static String ctime(long epochSeconds) {
        return CTIME.format(Instant.ofEpochSecond(epochSeconds).atZone(ZoneId.systemDefault()));
    }

    /** pcmk__readable_interval: "10ms", "10s", "1.500s", "1m5.500s", "2h", "1d3h". */
    static String interval(long ms) {
        if (ms == 0) {
            return "0s";
        }
        StringBuilder s = new StringBuilder();
        long days = ms / 86_400_000L;
        long hours = ms / 3_600_000L % 24;
        long minutes = ms / 60_000L % 60;
        long seconds = ms / 1000 % 60;
        long millis = ms % 1000;
        appendIf(s, days, "d");
        appendIf(s, hours, "h");
        appendIf(s, minutes, "m");
        if (seconds > 0) {
            s.append(seconds);
            if (millis > 0) {
                s.append('.').append(String.format(Locale.ROOT, "%03d", millis));
            }
            s.append('s');
        } else if (millis > 0) {
            s.append(millis).append("ms");
        }
        return s.toString();
    }

    private static void appendIf(StringBuilder s, long value, String unit) {
        if (value > 0) {
            s.append(value).append(unit);
        }
    }

    private static int compareNatural(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            char ca = a.charAt(i);
            char cb = b.charAt(j);
            if (Character.isDigit(ca) && Character.isDigit(cb)) {
                int ei = digitsEnd(a, i);
                int ej = digitsEnd(b, j);
                int byNumber = new java.math.BigInteger(a.substring(i, ei))
                        .compareTo(new java.math.BigInteger(b.substring(j, ej)));
                if (byNumber != 0) {
                    return byNumber;
                }
                i = ei;
                j = ej;
            } else {
                int byChar = Character.compare(Character.toLowerCase(ca), Character.toLowerCase(cb));
                if (byChar != 0) {
                    return byChar;
                }
                i++;
                j++;
            }
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }

    private static int digitsEnd(String s, int from) {
        int end = from;
        while (end < s.length() && Character.isDigit(s.charAt(end))) {
            end++;
        }
        return end;
    }
}
