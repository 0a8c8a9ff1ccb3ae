package io.raftbeat.leader;

import io.raftbeat.scheduler.Durations;
import io.raftbeat.status.Xml;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * The fence devices of one CIB and the order in which they are tried against a node, as Pacemaker's fencer orders
 * them: the {@code fencing-topology} levels that name the node ({@code target}, {@code target-pattern}, or {@code
 * target-attribute}/{@code target-value} of the node's attributes) in index order, every device of a level
 * required; without a level for the node, each device that may fence it is a level of its own, by {@code priority}
 * (highest first), then id. A device may fence a node unless its {@code pcmk_host_list}/{@code pcmk_host_map} are
 * the list to check ({@code pcmk_host_check} static-list, the default when either is set) and leave the node out;
 * the agent checks the dynamic kinds (dynamic-list, status) when it runs the device. A device whose target-role is
 * Stopped is not used. Pure; one use per fencer run.
 */
final class FenceDevices {
    static final long DEFAULT_TIMEOUT_MS = 60_000;
    /** Pacemaker's stonith-max-attempts: how often every level may fail before the operation fails. */
    static final int DEFAULT_MAX_ATTEMPTS = 10;

    /** A level: its index (the topology's, or the position in the order tried) and its devices, in order. */
    record Level(int index, List<String> devices) {}

    private final Map<String, Element> devices = new LinkedHashMap<>();
    private final List<Element> levels = new ArrayList<>();
    private final Map<String, Map<String, String>> nodeAttributes = new HashMap<>();
    private final long stonithTimeoutMs;
    private final int maxAttempts;

    FenceDevices(Document cib) {
        Element config = Xml.path(cib.getDocumentElement(), "configuration");
        collect(Xml.child(config, "resources"));
        levels.addAll(Xml.children(Xml.child(config, "fencing-topology"), "fencing-level"));
        for (Element node : Xml.children(Xml.child(config, "nodes"), "node")) {
            String name = node.hasAttribute("uname") ? node.getAttribute("uname") : node.getAttribute("id");
            nodeAttributes.put(name, Xml.nvpairs(node, "instance_attributes"));
        }
        Map<String, String> options = Xml.nvpairs(Xml.child(config, "crm_config"), "cluster_property_set");
        long timeout = Durations.millis(options.get("stonith-timeout"));
        this.stonithTimeoutMs = timeout > 0 ? timeout : DEFAULT_TIMEOUT_MS;
        this.maxAttempts = positive(options.get("stonith-max-attempts"), DEFAULT_MAX_ATTEMPTS);
    }

    private void collect(Element parent) {
        for (Element e : Xml.children(parent, null)) {
            if (e.getTagName().equals("primitive")) {
                if (e.getAttribute("class").equals("stonith")
                        && !"stopped".equalsIgnoreCase(meta(e).getOrDefault("target-role", ""))) {
                    devices.put(e.getAttribute("id"), e);
                }
            } else {
                collect(e);
            }
        }
    }

    /** The levels to try against {@code target}, in order; empty when nothing can fence it. */
    List<Level> plan(String target) {
        List<Element> matching = levels.stream()
                .filter(l -> names(l, target))
                .sorted(Comparator.comparingInt(l -> (int) Xml.longAttr(l, "index", 0)))
                .toList();
        List<Level> plan = new ArrayList<>();
        for (Element l : matching) {
            List<String> ids = List.of(l.getAttribute("devices").split("\\s*,\\s*"));
            if (ids.stream().allMatch(devices::containsKey)) {
                plan.add(new Level((int) Xml.longAttr(l, "index", 0), ids));
            }
        }
        if (!matching.isEmpty()) {
            return plan;
        }
        List<String> capable = devices.keySet().stream()
                .filter(id -> mayFence(params(devices.get(id)), target))
                .sorted(Comparator.comparingInt((String id) -> -priority(devices.get(id)))
                        .thenComparing(Comparator.naturalOrder()))
                .toList();
        for (String id : capable) {
            plan.add(new Level(plan.size() + 1, List.of(id)));
        }
        return plan;
    }

    /** How long the device may take to {@code action} a node: its pcmk_ACTION_timeout, else stonith-timeout. */
    long timeoutMs(String device, String action) {
        Element d = devices.get(device);
        long own = d == null ? 0 : Durations.millis(params(d).get("pcmk_" + action + "_timeout"));
        return own > 0 ? own : stonithTimeoutMs;
    }

    /** stonith-max-attempts: how many times every level may fail before an operation fails. */
    int maxAttempts() {
        return maxAttempts;
    }

    private boolean names(Element level, String target) {
        if (level.hasAttribute("target")) {
            return level.getAttribute("target").equals(target);
        }
        if (level.hasAttribute("target-pattern")) {
            try {
                return Pattern.compile(level.getAttribute("target-pattern"))
                        .matcher(target)
                        .matches();
            } catch (PatternSyntaxException e) {
                return false;
            }
        }
        if (level.hasAttribute("target-attribute")) {
            String value = nodeAttributes.getOrDefault(target, Map.of()).get(level.getAttribute("target-attribute"));
            return value != null && value.equals(level.getAttribute("target-value"));
        }
        return false;
    }

    static boolean mayFence(Map<String, String> params, String target) {
        String list = params.getOrDefault("pcmk_host_list", "");
        String map = params.getOrDefault("pcmk_host_map", "");
        boolean listed = !list.isBlank() || !map.isBlank();
        String check = params.getOrDefault("pcmk_host_check", listed ? "static-list" : "dynamic-list");
        if (!check.equals("static-list")) {
            return true;
        }
        return Set.of(list.trim().split("[\\s,;]+")).contains(target)
                || hostMapKeys(map).contains(target);
    }

    private static Set<String> hostMapKeys(String map) {
        Set<String> keys = new HashSet<>();
        for (String entry : map.trim().split("[\\s,;]+")) {
            int colon = entry.indexOf(':');
            int eq = entry.indexOf('=');
            int cut = colon >= 0 ? colon : eq;
            if (cut > 0) {
                keys.add(entry.substring(0, cut));
            }
        }
        return keys;
    }

    private static int priority(Element device) {
        return integer(meta(device).get("priority"), 0);
    }

    private static int positive(String value, int otherwise) {
        int n = integer(value, otherwise);
        return n > 0 ? n : otherwise;
    }

    private static int integer(String value, int otherwise) {
        try {
            return value == null ? otherwise : Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            return otherwise;
        }
    }

    private static Map<String, String> params(Element device) {
        return Xml.nvpairs(device, "instance_attributes");
    }

    private static Map<String, String> meta(Element device) {
        return Xml.nvpairs(device, "meta_attributes");
    }
}
