package io.raftbeat.status;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Unpacks a whole CIB into a {@link ClusterStatus}, following Pacemaker's unpack.c: cluster options, nodes
 * (determine_online_status with or without fencing), resources, then each node's {@code lrm_resource} histories
 * ({@link OpHistory}) and transient attributes (fail counts). Pure and deterministic: no clock, no I/O; the caller
 * parses the XML.
 */
public final class StatusUnpacker {
    private StatusUnpacker() {}

    public static ClusterStatus unpack(Document cib) {
        Element root = cib.getDocumentElement();
        Element configuration = Xml.child(root, "configuration");
        Map<String, String> options = Xml.nvpairs(Xml.child(configuration, "crm_config"), "cluster_property_set");
        boolean fencing = !"false".equalsIgnoreCase(fencingOption(options));
        boolean startupFencing = !options.containsKey("startup-fencing") || Xml.isTrue(options.get("startup-fencing"));
        Map<String, Element> states = new LinkedHashMap<>();
        for (Element state : Xml.children(Xml.child(root, "status"), "node_state")) {
            states.put(nodeName(state), state);
        }
        List<NodeStatus> nodes = new ArrayList<>();
        for (Element node : Xml.children(Xml.path(configuration, "nodes"), "node")) {
            String name = nodeName(node);
            nodes.add(NodeHealth.of(name, node, states.get(name), fencing, startupFencing));
        }
        Map<String, String> defaults = Xml.nvpairs(Xml.child(configuration, "rsc_defaults"), "meta_attributes");
        List<ConfiguredResource> resources = Resources.of(Xml.child(configuration, "resources"), defaults);
        List<ResourceHistory> histories = new ArrayList<>();
        List<FailCount> failCounts = new ArrayList<>();
        Map<String, NodeStatus> byName = new HashMap<>();
        nodes.forEach(n -> byName.put(n.name(), n));
        for (int i = 0; i < nodes.size(); i++) {
            NodeStatus node = nodes.get(i);
            Element state = states.get(node.name());
            if (state == null || !(node.online() || node.unclean() || node.maintenance())) {
                continue; // a clean offline node runs nothing, unless in maintenance (nothing was stopped there)
            }
            Map<String, String> transients =
                    Xml.nvpairs(Xml.child(state, "transient_attributes"), "instance_attributes");
            failCounts.addAll(FailCounts.of(node.name(), transients));
            for (Element rsc : Xml.children(Xml.path(state, "lrm", "lrm_resources"), "lrm_resource")) {
                ResourceHistory history = OpHistory.replay(rsc.getAttribute("id"), node.name(), ops(rsc, node.name()));
                histories.add(history);
                if (history.failedStop() && fencing && !node.unclean()) {
                    node = node.asUnclean(history.resource()
                            + " failed there"); // Pacemaker fences a node where a stop failed (on-fail=fence)
                    nodes.set(i, node);
                }
            }
        }
        return new ClusterStatus(
                fencing,
                Xml.isTrue(root.getAttribute("have-quorum")),
                root.getAttribute("dc-uuid"),
                root.getAttribute("cib-last-written"),
                nodes,
                resources,
                histories,
                failCounts);
    }

    /** fencing-enabled, or its legacy name stonith-enabled; unset means enabled. */
    private static String fencingOption(Map<String, String> options) {
        String value = options.get("fencing-enabled");
        return value != null ? value : options.getOrDefault("stonith-enabled", "true");
    }

    private static String nodeName(Element e) {
        String uname = e.getAttribute("uname");
        return uname.isEmpty() ? e.getAttribute("id") : uname;
    }

    private static List<LrmRscOp> ops(Element lrmResource, String node) {
        List<LrmRscOp> ops = new ArrayList<>();
        for (Element op : Xml.children(lrmResource, "lrm_rsc_op")) {
            ops.add(LrmRscOp.of(op, lrmResource.getAttribute("id"), node));
        }
        return ops;
    }
}
