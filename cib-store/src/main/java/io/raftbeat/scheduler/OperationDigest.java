package io.raftbeat.scheduler;

import io.raftbeat.status.Xml;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.w3c.dom.Element;

/**
 * Pacemaker 2.1.5's operation digests ({@code op-digest}, {@code op-restart-digest}): the MD5 of the operation's
 * parameters as one {@code <parameters .../>} element, attributes sorted by name, serialized unformatted with a
 * leading space and a trailing newline (calculate_operation_digest, dump_xml_for_digest). The parameters are the
 * primitive's instance attributes, then the matching op's own; every {@code CRM_meta_*} is filtered out except a
 * recurring operation's {@code CRM_meta_timeout} (pcmk__filter_op_for_digest). Pure and thread-safe.
 */
public final class OperationDigest {
    private static final long DEFAULT_TIMEOUT_MS = 20_000;

    private OperationDigest() {}

    /** The digest of one operation of a configured primitive, as Pacemaker records it in {@code op-digest}. */
    public static String of(Element primitive, String operation, long intervalMs) {
        return of(parameters(primitive, operation, intervalMs));
    }

    /** The digest of a parameter set (already filtered): {@code  <parameters a="1" b="2"/>} and a newline. */
    public static String of(Map<String, String> parameters) {
        StringBuilder xml = new StringBuilder(" <parameters");
        new TreeMap<>(parameters).forEach((name, value) -> xml.append(' ')
                .append(name)
                .append("=\"")
                .append(escape(value))
                .append('"'));
        xml.append("/>\n");
        try {
            byte[] md5 = MessageDigest.getInstance("MD5").digest(xml.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(md5);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has MD5", e);
        }
    }

    /**
     * The parameters Pacemaker digests for an operation: the primitive's instance attributes (the first set naming
     * one wins), the op's own instance attributes, and for a recurring operation its timeout in ms.
     */
    public static Map<String, String> parameters(Element primitive, String operation, long intervalMs) {
        Map<String, String> params = instanceAttributes(primitive);
        Element op = configuredOp(primitive, operation, intervalMs);
        if (op != null) {
            instanceAttributes(op).forEach(params::putIfAbsent);
        }
        params.keySet().removeIf(OperationDigest::filtered);
        if (intervalMs > 0) {
            String timeout = op == null ? "" : op.getAttribute("timeout");
            long ms = timeout.isEmpty() ? DEFAULT_TIMEOUT_MS : Durations.millis(timeout);
            params.put("CRM_meta_timeout", Long.toString(ms < 0 ? DEFAULT_TIMEOUT_MS : ms));
        }
        return params;
    }

    /** Only the named parameters ({@code op-force-restart}: " a b "): what the restart digest covers. */
    public static Map<String, String> restartParameters(Map<String, String> all, String forceRestart) {
        Map<String, String> kept = new TreeMap<>(all);
        kept.keySet().retainAll(names(forceRestart));
        return kept;
    }

    /**
     * Pacemaker's secure digest of a recorded operation: its parameters without the private ones it lists in {@code
     * op-secure-params}. A history older than feature set 3.16.0 digested the instance attributes alone, without a
     * fence device's {@code pcmk_*} parameters or the timeout (calculate_secure_digest).
     */
    public static String secure(Element primitive, Element recorded) {
        String operation = recorded.getAttribute("operation");
        long intervalMs = Durations.millis(recorded.getAttribute("interval"));
        Map<String, String> params;
        if (olderThan3160(recorded.getAttribute("crm_feature_set"))) {
            params = instanceAttributes(primitive);
            if (primitive.getAttribute("class").equals("stonith")) {
                params.keySet().removeIf(name -> name.startsWith("pcmk_"));
            }
        } else {
            params = parameters(primitive, operation, intervalMs);
        }
        params.keySet().removeAll(names(recorded.getAttribute("op-secure-params")));
        return of(params);
    }

    /** The element's instance attributes: the first set naming one wins. */
    private static Map<String, String> instanceAttributes(Element e) {
        Map<String, String> params = new TreeMap<>();
        for (Element set : Xml.children(e, "instance_attributes")) {
            for (Element nv : Xml.children(set, "nvpair")) {
                params.putIfAbsent(nv.getAttribute("name"), nv.getAttribute("value"));
            }
        }
        return params;
    }

    /** A space-separated list of names, as Pacemaker writes {@code op-force-restart} and {@code op-secure-params}. */
    private static List<String> names(String list) {
        return List.of(list.trim().split("\\s+"));
    }

    /** compare_version(version, "3.16.0") < 0; an unrecorded feature set is taken as current. */
    private static boolean olderThan3160(String version) {
        if (version.isEmpty()) {
            return false;
        }
        int[] wanted = {3, 16, 0};
        String[] parts = version.split("\\.");
        for (int i = 0; i < wanted.length; i++) {
            int v = i < parts.length ? Xml.score(parts[i]) : 0;
            if (v != wanted[i]) {
                return v < wanted[i];
            }
        }
        return false;
    }

    private static Element configuredOp(Element primitive, String operation, long intervalMs) {
        for (Element op : Xml.children(Xml.child(primitive, "operations"), "op")) {
            if (op.getAttribute("name").equals(operation)
                    && Durations.millis(op.getAttribute("interval")) == intervalMs) {
                return op;
            }
        }
        return null;
    }

    private static boolean filtered(String name) {
        return name.startsWith("CRM_meta_")
                || switch (name) {
                    case "id", "crm_feature_set", "op-digest", "on_node", "on_node_uuid", "pcmk_external_ip" -> true;
                    default -> false;
                };
    }

    /** crm_xml_escape: the five XML entities, tabs as four spaces, line breaks as {@code \n} and {@code \r}. */
    private static String escape(String value) {
        StringBuilder b = new StringBuilder(value.length());
        for (char c : value.toCharArray()) {
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&apos;");
                case '&' -> b.append("&amp;");
                case '\t' -> b.append("    ");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
