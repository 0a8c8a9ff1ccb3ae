package io.raftbeat.scheduler;

import io.raftbeat.status.LrmRscOp;
import io.raftbeat.status.Xml;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.w3c.dom.Element;

/**
 * Each primitive's configured operations ({@code op} elements, {@code op_defaults} not yet merged): the recurring
 * monitors to start with it, and the {@code on-fail} policy that applies to a failed operation. Pure.
 */
record Operations(Map<String, List<Element>> byPrimitive) {
    static Operations of(Element resources) {
        Map<String, List<Element>> ops = new LinkedHashMap<>();
        collect(resources, ops);
        return new Operations(ops);
    }

    private static void collect(Element parent, Map<String, List<Element>> ops) {
        for (Element e : Xml.children(parent, null)) {
            if (e.getTagName().equals("primitive")) {
                ops.put(e.getAttribute("id"), Xml.children(Xml.child(e, "operations"), "op"));
            } else {
                collect(e, ops);
            }
        }
    }

    /** The enabled recurring monitors for the Started role, by interval in ms. */
    List<Long> monitorIntervals(String primitive) {
        List<Long> intervals = new ArrayList<>();
        for (Element op : byPrimitive.getOrDefault(primitive, List.of())) {
            long interval = Durations.millis(op.getAttribute("interval"));
            String role = op.getAttribute("role");
            if (op.getAttribute("name").equals("monitor")
                    && interval > 0
                    && !"false".equalsIgnoreCase(op.getAttribute("enabled"))
                    && (role.isEmpty() || role.equals("Started"))) {
                intervals.add(interval);
            }
        }
        return intervals;
    }

    /**
     * Pacemaker's on-fail for a failed operation: as configured on the matching op, else {@code fence} for a stop
     * when fencing is enabled ({@code block} when not), else {@code restart}.
     */
    String onFail(LrmRscOp failed, boolean fencing) {
        for (Element op : byPrimitive.getOrDefault(failed.resource(), List.of())) {
            if (op.getAttribute("name").equals(failed.operation())
                    && Durations.millis(op.getAttribute("interval")) == failed.intervalMs()
                    && !op.getAttribute("on-fail").isEmpty()) {
                return op.getAttribute("on-fail");
            }
        }
        if (failed.operation().equals("stop")) {
            return fencing ? "fence" : "block";
        }
        return "restart";
    }
}
