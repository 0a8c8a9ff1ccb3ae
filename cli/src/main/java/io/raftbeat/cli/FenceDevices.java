package io.raftbeat.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The fence devices of a CIB ({@code primitive class="stonith"} in configuration/resources) and which nodes each can
 * fence, by Pacemaker's {@code pcmk_host_check}: {@code static-list} (the default when {@code pcmk_host_list} or
 * {@code pcmk_host_map} is set) fences only the nodes listed; {@code none}, and {@code dynamic-list} or
 * {@code status} (which ask the device itself, something only the fencer does), any node. Pure.
 */
final class FenceDevices {
    /** One configured device: its id, agent type and first instance_attributes set. */
    record Device(String id, String type, Map<String, String> parameters) {
        boolean canFence(String node) {
            String list = parameters.getOrDefault("pcmk_host_list", "");
            String map = parameters.getOrDefault("pcmk_host_map", "");
            boolean listed = !list.isBlank() || !map.isBlank();
            String check = parameters.getOrDefault("pcmk_host_check", listed ? "static-list" : "dynamic-list");
            if (!check.equalsIgnoreCase("static-list")) {
                return true;
            }
            return names(list).stream().anyMatch(node::equalsIgnoreCase)
                    || mappedNodes(map).stream().anyMatch(node::equalsIgnoreCase);
        }
    }

    private final List<Device> devices;

    private FenceDevices(List<Device> devices) {
        this.devices = List.copyOf(devices);
    }

    static FenceDevices of(Document cib) {
        List<Device> devices = new ArrayList<>();
        NodeList primitives = cib.getElementsByTagName("primitive");
        for (int i = 0; i < primitives.getLength(); i++) {
            Element p = (Element) primitives.item(i);
            if ("stonith".equals(p.getAttribute("class")) && underResources(p)) {
                devices.add(new Device(p.getAttribute("id"), p.getAttribute("type"), parameters(p)));
            }
        }
        return new FenceDevices(devices);
    }

    List<Device> all() {
        return devices;
    }

    List<Device> thatCanFence(String node) {
        return devices.stream().filter(d -> d.canFence(node)).toList();
    }

    /** Whether the node is in configuration/nodes, by name (uname) or id. */
    static boolean nodeConfigured(Document cib, String node) {
        NodeList nodes = cib.getElementsByTagName("node");
        for (int i = 0; i < nodes.getLength(); i++) {
            Element n = (Element) nodes.item(i);
            if (node.equals(n.getAttribute("uname")) || node.equals(n.getAttribute("id"))) {
                return true;
            }
        }
        return false;
    }

    /** pcmk_host_list: names separated by spaces, commas or semicolons. */
    static List<String> names(String list) {
        return Arrays.stream(list.split("[\\s,;]+")).filter(s -> !s.isEmpty()).toList();
    }

    /** pcmk_host_map's node names: {@code node1:1;node2:2,3} (also {@code =}, and spaces between entries). */
    static List<String> mappedNodes(String map) {
        List<String> nodes = new ArrayList<>();
        for (String entry : map.split("[\\s;]+")) {
            int sep = entry.indexOf(':') >= 0 ? entry.indexOf(':') : entry.indexOf('=');
            if (sep > 0) {
                nodes.add(entry.substring(0, sep));
            }
        }
        return nodes;
    }

    private static boolean underResources(Element e) {
        for (Node n = e.getParentNode(); n != null; n = n.getParentNode()) {
            if ("resources".equals(n.getNodeName())) {
                return true;
            }
        }
        return false;
    }

    private static Map<String, String> parameters(Element primitive) {
        Map<String, String> params = new LinkedHashMap<>();
        for (Node c = primitive.getFirstChild(); c != null; c = c.getNextSibling()) {
            if (c instanceof Element set && "instance_attributes".equals(set.getTagName())) {
                NodeList pairs = set.getElementsByTagName("nvpair");
                for (int i = 0; i < pairs.getLength(); i++) {
                    Element pair = (Element) pairs.item(i);
                    params.putIfAbsent(pair.getAttribute("name"), pair.getAttribute("value"));
                }
            }
        }
        return params;
    }
}
