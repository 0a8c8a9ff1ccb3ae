package io.raftbeat.scheduler;

import io.raftbeat.status.ClusterStatus;
import io.raftbeat.status.Xml;
import java.util.LinkedHashMap;
import java.util.Map;
import org.w3c.dom.Element;

/**
 * The attributes rules see for each node: its configured {@code instance_attributes}, overridden by its transient
 * ones from the status section, plus Pacemaker's built-ins {@code #uname}, {@code #id}, {@code #kind} and
 * {@code #is_dc}. Pure.
 */
final class NodeAttributes {
    private NodeAttributes() {}

    static Map<String, Map<String, String>> of(Element root, ClusterStatus status) {
        Map<String, Element> states = new LinkedHashMap<>();
        for (Element state : Xml.children(Xml.child(root, "status"), "node_state")) {
            states.put(name(state), state);
        }
        Map<String, Map<String, String>> all = new LinkedHashMap<>();
        for (Element node : Xml.children(Xml.path(root, "configuration", "nodes"), "node")) {
            String name = name(node);
            Map<String, String> attrs = new LinkedHashMap<>(Xml.nvpairs(node, "instance_attributes"));
            Element state = states.get(name);
            if (state != null) {
                attrs.putAll(Xml.nvpairs(Xml.child(state, "transient_attributes"), "instance_attributes"));
            }
            attrs.put("#uname", name);
            attrs.put("#id", node.getAttribute("id"));
            attrs.put("#kind", "cluster");
            attrs.put("#is_dc", String.valueOf(node.getAttribute("id").equals(status.dcUuid())));
            all.put(name, attrs);
        }
        return all;
    }

    private static String name(Element e) {
        String uname = e.getAttribute("uname");
        return uname.isEmpty() ? e.getAttribute("id") : uname;
    }
}
