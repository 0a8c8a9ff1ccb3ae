package io.raftbeat.cli;

/** Text put into the XML of a CIB request or an XPath: escaped, so an odd name cannot change its structure. */
final class XmlText {
    private XmlText() {}

    static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&apos;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    /** An XPath 1.0 string literal for any value (XPath has no escapes: quotes are joined with concat()). */
    static String literal(String s) {
        if (!s.contains("'")) {
            return "'" + s + "'";
        }
        if (!s.contains("\"")) {
            return "\"" + s + "\"";
        }
        return "concat('" + s.replace("'", "', \"'\", '") + "')";
    }

    /** Pacemaker's crm_xml_sanitize_id: characters an XML id cannot hold become '.'. */
    static String sanitizeId(String id) {
        StringBuilder b = new StringBuilder(id.length());
        for (char c : id.toCharArray()) {
            boolean ok = Character.isLetterOrDigit(c) || c == '-' || c == '_' || c == '.';
            b.append(ok ? c : '.');
        }
        return b.toString();
    }
}
