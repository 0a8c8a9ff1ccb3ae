package io.raftbeat.cib;

import java.util.List;
import org.w3c.dom.Attr;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

/**
 * Writes CIB elements as XML text, deterministically: the same DOM always gives the same bytes. Pretty output uses
 * Pacemaker's two-space indentation; compact output is what the store persists. Only elements and attributes are
 * written (the CIB model holds no text). Recursion is bounded by {@link SafeXml#MAX_DEPTH}.
 */
public final class XmlWriter {
    /**
     * The JDK's DOM keeps attributes sorted by name, so Pacemaker's insertion order is lost; these come first as
     * Pacemaker usually writes them ({@code <primitive id="ip" ...>}, the root's version), the rest by name.
     */
    private static final List<String> FIRST =
            List.of("id", "crm_feature_set", "validate-with", "epoch", "num_updates", "admin_epoch");

    private XmlWriter() {}

    public static String pretty(Element e) {
        StringBuilder out = new StringBuilder(256);
        write(e, out, 0, true);
        return out.toString();
    }

    public static String compact(Element e) {
        StringBuilder out = new StringBuilder(128);
        write(e, out, 0, false);
        return out.toString();
    }

    private static void write(Element e, StringBuilder out, int depth, boolean pretty) {
        if (pretty) {
            out.append("  ".repeat(depth));
        }
        out.append('<').append(e.getTagName());
        NamedNodeMap attrs = e.getAttributes();
        for (String first : FIRST) {
            if (e.hasAttribute(first)) {
                attribute(first, e.getAttribute(first), out);
            }
        }
        for (int i = 0; i < attrs.getLength(); i++) {
            Attr a = (Attr) attrs.item(i);
            if (!FIRST.contains(a.getName())) {
                attribute(a.getName(), a.getValue(), out);
            }
        }
        boolean hasChildren = false;
        for (Node c = e.getFirstChild(); c != null; c = c.getNextSibling()) {
            if (c.getNodeType() != Node.ELEMENT_NODE) {
                continue;
            }
            if (!hasChildren) {
                out.append('>');
                if (pretty) {
                    out.append('\n');
                }
                hasChildren = true;
            }
            write((Element) c, out, depth + 1, pretty);
        }
        if (hasChildren) {
            if (pretty) {
                out.append("  ".repeat(depth));
            }
            out.append("</").append(e.getTagName()).append('>');
        } else {
            out.append("/>");
        }
        if (pretty) {
            out.append('\n');
        }
    }

    private static void attribute(String name, String value, StringBuilder out) {
        out.append(' ').append(name).append("=\"");
        escape(value, out);
        out.append('"');
    }

    private static void escape(String s, StringBuilder out) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\n' -> out.append("&#10;");
                case '\r' -> out.append("&#13;");
                case '\t' -> out.append("&#9;");
                default -> out.append(c);
            }
        }
    }
}
