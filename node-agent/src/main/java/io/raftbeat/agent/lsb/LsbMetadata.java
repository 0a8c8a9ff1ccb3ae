package io.raftbeat.agent.lsb;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The OCF-style meta-data Pacemaker generates for a script that has none of its own: the agent's name, its
 * descriptions and, for LSB scripts, the fields of the {@code ### BEGIN INIT INFO} header in a {@code special}
 * element. Heartbeat-class scripts, being init scripts too, get the same from their header when they have one. Pure.
 */
public final class LsbMetadata {
    private static final List<String> FIELDS = List.of(
            "Provides",
            "Required-Start",
            "Required-Stop",
            "Should-Start",
            "Should-Stop",
            "Default-Start",
            "Default-Stop");

    private LsbMetadata() {}

    /** The meta-data of script {@code name} whose text is {@code script}; {@code lsb} adds the LSB header fields. */
    public static String of(String name, String script, boolean lsb) {
        Map<String, String> header = header(script);
        String shortDesc = header.getOrDefault("Short-Description", name);
        String longDesc = header.getOrDefault("Description", shortDesc);
        StringBuilder xml = new StringBuilder()
                .append("<?xml version=\"1.0\"?>\n")
                .append("<!DOCTYPE resource-agent SYSTEM \"ra-api-1.dtd\">\n")
                .append("<resource-agent name=\"")
                .append(escape(name))
                .append("\" version=\"0.1\">\n")
                .append("  <version>1.0</version>\n")
                .append("  <longdesc lang=\"en\">\n")
                .append(escape(longDesc))
                .append("\n  </longdesc>\n")
                .append("  <shortdesc lang=\"en\">")
                .append(escape(shortDesc))
                .append("</shortdesc>\n")
                .append("  <parameters>\n  </parameters>\n")
                .append("  <actions>\n")
                .append("    <action name=\"meta-data\"    timeout=\"5s\" />\n")
                .append("    <action name=\"start\"        timeout=\"15s\" />\n")
                .append("    <action name=\"stop\"         timeout=\"15s\" />\n")
                .append("    <action name=\"status\"       timeout=\"15s\" />\n")
                .append("    <action name=\"monitor\"      timeout=\"15s\" interval=\"15s\" />\n")
                .append("  </actions>\n");
        if (lsb) {
            xml.append("  <special tag=\"LSB\">\n");
            for (String field : FIELDS) {
                String value = escape(header.getOrDefault(field, ""));
                xml.append("    <").append(field).append('>').append(value);
                xml.append("</").append(field).append(">\n");
            }
            xml.append("  </special>\n");
        }
        return xml.append("</resource-agent>\n").toString();
    }

    /**
     * The fields of the script's LSB header ({@code # Field: value} lines between {@code ### BEGIN INIT INFO} and
     * {@code ### END INIT INFO}); a Description continues on lines that start with {@code #} and blank space.
     */
    static Map<String, String> header(String script) {
        Map<String, String> fields = new LinkedHashMap<>();
        boolean inside = false;
        String last = null;
        for (String line : script.split("\n", -1)) {
            String trimmed = line.strip();
            if (trimmed.equals("### BEGIN INIT INFO")) {
                inside = true;
            } else if (trimmed.equals("### END INIT INFO")) {
                break;
            } else if (inside && line.startsWith("#")) {
                String body = line.substring(1);
                if (body.startsWith("\t") || body.startsWith("  ")) {
                    if ("Description".equals(last) && !body.isBlank()) {
                        fields.merge(last, body.strip(), (a, b) -> a + " " + b);
                    }
                } else if (body.indexOf(':') > 0) {
                    last = body.substring(0, body.indexOf(':')).strip();
                    fields.put(last, body.substring(body.indexOf(':') + 1).strip());
                }
            }
        }
        return fields;
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;");
    }
}
