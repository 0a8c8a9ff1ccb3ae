package io.raftbeat.agent.stonith;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Which nodes a fence device can fence and by which plug, from its {@code pcmk_*} parameters as Pacemaker reads
 * them: {@code pcmk_host_map} ("node1:port1;node2:port2", entries also separated by spaces or commas, {@code =}
 * accepted for {@code :}), {@code pcmk_host_list} (names separated by spaces, commas or semicolons), and the output
 * of the agent's {@code list} action (one plug per line, the first field before a comma). Pure.
 */
final class DeviceTargets {
    static final String HOST_MAP = "pcmk_host_map";
    static final String HOST_LIST = "pcmk_host_list";
    static final String HOST_CHECK = "pcmk_host_check";
    static final String HOST_ARGUMENT = "pcmk_host_argument";

    private static final String SEPARATORS = "[;,\\s]+";

    private DeviceTargets() {}

    /** The node → plug pairs of {@code pcmk_host_map}; an entry without {@code :} or {@code =} is skipped. */
    static Map<String, String> hostMap(String value) {
        Map<String, String> map = new LinkedHashMap<>();
        if (value == null) {
            return map;
        }
        for (String entry : value.strip().split(SEPARATORS)) {
            int at = indexOfAssignment(entry);
            if (at > 0 && at < entry.length() - 1) {
                map.put(entry.substring(0, at), entry.substring(at + 1));
            }
        }
        return map;
    }

    /** The names of {@code pcmk_host_list}. */
    static Set<String> hostList(String value) {
        Set<String> names = new LinkedHashSet<>();
        if (value != null && !value.isBlank()) {
            names.addAll(java.util.List.of(value.strip().split(SEPARATORS)));
        }
        return names;
    }

    /** The plugs a device's {@code list} action printed: the first field of each line, before a comma. */
    static Set<String> listed(String output) {
        Set<String> plugs = new LinkedHashSet<>();
        for (String line : output.split("\n")) {
            String first = line.split(",", 2)[0].strip();
            if (!first.isEmpty()) {
                plugs.add(first);
            }
        }
        return plugs;
    }

    /** The plug that stands for {@code target} on the device: its {@code pcmk_host_map} entry, else its name. */
    static String plugOf(Map<String, String> params, String target) {
        return hostMap(params.get(HOST_MAP)).getOrDefault(target, target);
    }

    /**
     * The host check the device asked for ({@code pcmk_host_check}, lower-cased), else {@code static-list} when it
     * names its hosts (list or map), else empty: the agent's metadata decides.
     */
    static String configuredCheck(Map<String, String> params) {
        String check = params.get(HOST_CHECK);
        if (check != null && !check.isBlank()) {
            return check.strip().toLowerCase(Locale.ROOT);
        }
        boolean named = !isBlank(params.get(HOST_LIST)) || !isBlank(params.get(HOST_MAP));
        return named ? "static-list" : "";
    }

    /** Pacemaker's default without a configured check: dynamic-list with a list action, else status, else none. */
    static String checkFromMetadata(String metadata) {
        if (advertises(metadata, "list")) {
            return "dynamic-list";
        }
        return advertises(metadata, "status") ? "status" : "none";
    }

    private static boolean advertises(String metadata, String action) {
        return metadata.matches("(?s).*<action\\s+name=\"" + action + "\".*");
    }

    private static int indexOfAssignment(String entry) {
        int colon = entry.indexOf(':');
        int equals = entry.indexOf('=');
        if (colon < 0) {
            return equals;
        }
        return equals < 0 ? colon : Math.min(colon, equals);
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
