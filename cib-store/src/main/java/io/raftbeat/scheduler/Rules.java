package io.raftbeat.scheduler;

import io.raftbeat.status.Xml;
import java.time.Instant;
import java.util.Map;
import org.w3c.dom.Element;

/**
 * Pacemaker's rule evaluation for location constraints: {@code expression} (node attributes and {@code #uname},
 * string, number or version comparison), {@code date_expression} ({@code gt}, {@code lt}, {@code in_range}) and
 * nested rules, joined by {@code boolean-op}. Pure: the caller passes the node's attributes and the time.
 */
final class Rules {
    private Rules() {}

    static boolean matches(Element rule, Map<String, String> nodeAttributes, Instant now) {
        boolean or = "or".equals(rule.getAttribute("boolean-op"));
        for (Element e : Xml.children(rule, null)) {
            boolean result =
                    switch (e.getTagName()) {
                        case "expression" -> expression(e, nodeAttributes);
                        case "date_expression" -> date(e, now);
                        case "rule" -> matches(e, nodeAttributes, now);
                        default -> false; // rsc_expression, op_expression: never true for a location
                    };
            if (or && result) {
                return true;
            }
            if (!or && !result) {
                return false;
            }
        }
        return !or; // and: every part held; or: none did
    }

    private static boolean expression(Element e, Map<String, String> attrs) {
        String op = e.getAttribute("operation");
        String actual = attrs.get(e.getAttribute("attribute"));
        String expected = e.getAttribute("value");
        return switch (op) {
            case "defined" -> actual != null;
            case "not_defined" -> actual == null;
            default -> actual != null && compare(op, compare(e.getAttribute("type"), actual, expected));
        };
    }

    private static boolean compare(String op, int c) {
        return switch (op) {
            case "eq" -> c == 0;
            case "ne" -> c != 0;
            case "lt" -> c < 0;
            case "lte" -> c <= 0;
            case "gt" -> c > 0;
            case "gte" -> c >= 0;
            default -> false;
        };
    }

    private static int compare(String type, String a, String b) {
        if (type.equals("number") || type.equals("integer")) {
            try {
                return Double.compare(Double.parseDouble(a), Double.parseDouble(b));
            } catch (NumberFormatException ignored) {
                return a.compareTo(b);
            }
        }
        if (type.equals("version")) {
            String[] x = a.split("\\.");
            String[] y = b.split("\\.");
            for (int i = 0; i < Math.max(x.length, y.length); i++) {
                int c = Long.compare(part(x, i), part(y, i));
                if (c != 0) {
                    return c;
                }
            }
            return 0;
        }
        return a.compareToIgnoreCase(b);
    }

    private static long part(String[] parts, int i) {
        try {
            return i < parts.length ? Long.parseLong(parts[i]) : 0;
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static boolean date(Element e, Instant now) {
        Instant start = IsoDates.parse(e.getAttribute("start"));
        Instant end = IsoDates.parse(e.getAttribute("end"));
        return switch (e.getAttribute("operation").isEmpty() ? "in_range" : e.getAttribute("operation")) {
            case "gt" -> start != null && now.isAfter(start);
            case "lt" -> end != null && now.isBefore(end);
            case "in_range" -> (start == null || !now.isBefore(start)) && (end == null || !now.isAfter(end));
            default -> false; // date_spec is not modelled yet
        };
    }
}
