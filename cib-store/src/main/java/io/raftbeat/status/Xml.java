package io.raftbeat.status;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/** The few DOM walks the status unpacking needs: element children by tag, and the nvpairs of attribute sets. */
public final class Xml {
    private Xml() {}

    public static List<Element> children(Element parent, String tag) {
        List<Element> found = new ArrayList<>();
        if (parent == null) {
            return found;
        }
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && (tag == null || e.getTagName().equals(tag))) {
                found.add(e);
            }
        }
        return found;
    }

    public static Element child(Element parent, String tag) {
        List<Element> found = children(parent, tag);
        return found.isEmpty() ? null : found.get(0);
    }

    /** Follows a path of first children, e.g. {@code path(cib, "configuration", "nodes")}; null when one is missing. */
    public static Element path(Element from, String... tags) {
        Element at = from;
        for (String tag : tags) {
            at = child(at, tag);
            if (at == null) {
                return null;
            }
        }
        return at;
    }

    /** The nvpairs of every {@code setTag} child of {@code parent}, the first value of a name winning. */
    public static Map<String, String> nvpairs(Element parent, String setTag) {
        Map<String, String> values = new LinkedHashMap<>();
        for (Element set : children(parent, setTag)) {
            for (Element nvpair : children(set, "nvpair")) {
                values.putIfAbsent(nvpair.getAttribute("name"), nvpair.getAttribute("value"));
            }
        }
        return values;
    }

    /** Pacemaker's crm_is_true: yes, true, on, y, 1 (any case). */
    public static boolean isTrue(String value) {
        if (value == null) {
            return false;
        }
        return switch (value.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "true", "on", "yes", "y", "1" -> true;
            default -> false;
        };
    }

    /** Pacemaker's score parsing for counts: INFINITY and +INFINITY are 1000000, the sum is capped there. */
    public static int score(String value) {
        if (value == null || value.isBlank()) {
            return 0;
        }
        String v = value.trim();
        if (v.equalsIgnoreCase("INFINITY") || v.equalsIgnoreCase("+INFINITY")) {
            return Scores.INFINITY;
        }
        if (v.equalsIgnoreCase("-INFINITY")) {
            return -Scores.INFINITY;
        }
        try {
            return (int) Math.max(-Scores.INFINITY, Math.min(Scores.INFINITY, Long.parseLong(v)));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    public static long longAttr(Element e, String name, long otherwise) {
        String v = e.getAttribute(name);
        if (v.isEmpty()) {
            return otherwise;
        }
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException ex) {
            return otherwise;
        }
    }
}
