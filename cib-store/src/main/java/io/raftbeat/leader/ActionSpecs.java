package io.raftbeat.leader;

import io.raftbeat.proto.v1.ResourceSpec;
import io.raftbeat.scheduler.Durations;
import io.raftbeat.status.Xml;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * What an action must carry for an agent to run it, read from one CIB: the primitive as configured (class,
 * provider, type, its instance and meta attributes) and the operation's timeout (the op's own, else op_defaults',
 * else Pacemaker's 20 s; a probe takes its resource's shortest monitor's). A resource no longer configured (an
 * orphan being stopped) is described from its lrm_resource in the status. Pure; one use per scheduler run.
 */
final class ActionSpecs {
    static final long DEFAULT_TIMEOUT_MS = 20_000;

    private final Map<String, Element> primitives = new HashMap<>();
    private final Map<String, Element> orphans = new HashMap<>();
    private final long defaultTimeoutMs;

    ActionSpecs(Document cib) {
        Element root = cib.getDocumentElement();
        collect(Xml.path(root, "configuration", "resources"));
        for (Element state : Xml.children(Xml.child(root, "status"), "node_state")) {
            for (Element rsc : Xml.children(Xml.path(state, "lrm", "lrm_resources"), "lrm_resource")) {
                orphans.putIfAbsent(rsc.getAttribute("id"), rsc);
            }
        }
        String timeout = Xml.nvpairs(Xml.path(root, "configuration", "op_defaults"), "meta_attributes")
                .get("timeout");
        long ms = Durations.millis(timeout);
        this.defaultTimeoutMs = ms > 0 ? ms : DEFAULT_TIMEOUT_MS;
    }

    private void collect(Element parent) {
        for (Element e : Xml.children(parent, null)) {
            if (e.getTagName().equals("primitive")) {
                primitives.put(e.getAttribute("id"), e);
            } else {
                collect(e);
            }
        }
    }

    /** The resource as its agent runs it; null when neither the configuration nor the status knows it. */
    ResourceSpec resource(String id) {
        Element p = primitives.get(id);
        Element described = p != null ? p : orphans.get(id);
        if (described == null) {
            return null;
        }
        ResourceSpec.Builder spec = ResourceSpec.newBuilder()
                .setId(id)
                .setResourceClass(described.getAttribute("class"))
                .setProvider(described.getAttribute("provider"))
                .setType(described.getAttribute("type"));
        if (p != null) {
            spec.putAllParameters(firstSet(p, "instance_attributes"));
            spec.putAllMeta(firstSet(p, "meta_attributes"));
        }
        return spec.build();
    }

    /**
     * The resource as its agent runs this operation: with the op's own meta attributes (e.g. a stop's
     * {@code stop-retries}) over the resource's, as Pacemaker passes an op's meta to the agent.
     */
    ResourceSpec resource(String id, String operation, long intervalMs) {
        ResourceSpec spec = resource(id);
        Element op = op(id, operation, intervalMs);
        if (spec == null || op == null) {
            return spec;
        }
        return spec.toBuilder().putAllMeta(firstSet(op, "meta_attributes")).build();
    }

    /** The operation's timeout in ms. */
    long timeoutMs(String id, String operation, long intervalMs) {
        Element match = op(id, operation, intervalMs);
        long ms = match == null ? 0 : Durations.millis(match.getAttribute("timeout"));
        return ms > 0 ? ms : defaultTimeoutMs;
    }

    /** The op definition of this operation, or null; a probe's is its resource's shortest monitor's. */
    private Element op(String id, String operation, long intervalMs) {
        Element p = primitives.get(id);
        List<Element> ops = p == null ? List.of() : Xml.children(Xml.child(p, "operations"), "op");
        Element match = null;
        for (Element op : ops) {
            if (op.getAttribute("name").equals(operation)
                    && Durations.millis(op.getAttribute("interval")) == intervalMs) {
                match = op;
            }
        }
        if (match == null && operation.equals("monitor") && intervalMs == 0) {
            match = shortestMonitor(ops);
        }
        return match;
    }

    private static Element shortestMonitor(List<Element> ops) {
        Element shortest = null;
        for (Element op : ops) {
            long interval = Durations.millis(op.getAttribute("interval"));
            if (op.getAttribute("name").equals("monitor")
                    && interval > 0
                    && (shortest == null || interval < Durations.millis(shortest.getAttribute("interval")))) {
                shortest = op;
            }
        }
        return shortest;
    }

    private static Map<String, String> firstSet(Element parent, String tag) {
        Map<String, String> values = new HashMap<>();
        Element set = Xml.child(parent, tag);
        for (Element nv : Xml.children(set, "nvpair")) {
            values.putIfAbsent(nv.getAttribute("name"), nv.getAttribute("value"));
        }
        return values;
    }
}
