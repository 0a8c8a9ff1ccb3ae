package io.raftbeat.cli;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * {@code crm_resource --cleanup}: forgets a resource's operation history ({@code lrm_resource}) and its fail counts
 * and last failures (transient attributes) on one node or on every online node that knows it, so the cluster probes
 * it again; each primitive of a group or clone separately. Without a resource, forgets every failed resource's
 * history and every failure. A few paths per CIB write. Prints Pacemaker 2.1.5's lines; runs on the command's thread.
 */
final class ResourceCleanup {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final CliContext ctx;
    private final Document doc;

    ResourceCleanup(CliContext ctx, Document doc) {
        this.ctx = ctx;
        this.doc = doc;
    }

    /**
     * @param resource the resource's id, or null for every failed resource
     * @param node the node's name, or null for all
     * @param operation with {@code intervalMs}, only that operation's failures (crm_failcount -n/-I), or null
     * @return the lines to print
     */
    List<String> run(String resource, String node, String operation, String intervalMs) throws CliFailure {
        List<Element> states = nodeStates(node);
        List<String> paths = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        if (resource == null) {
            for (Element state : states) {
                String at = stateXPath(state);
                paths.add(at + "/lrm/lrm_resources/lrm_resource[lrm_rsc_op[contains(@id,'_last_failure_')]]");
                paths.add(at + "/transient_attributes//nvpair[starts-with(@name,'fail-count-')"
                        + " or starts-with(@name,'last-failure-')]");
            }
            lines.add("Cleaned up all resources on " + (node == null ? "all nodes" : node));
        } else {
            for (String primitive : ResourceIds.primitives(doc, resource, "crm_resource")) {
                for (Element state : knownOn(primitive, states, node != null)) {
                    paths.addAll(forget(stateXPath(state), primitive, operation, intervalMs));
                    lines.add("Cleaned up " + primitive + " on " + state.getAttribute("uname"));
                }
            }
        }
        if (!paths.isEmpty()) {
            CibAccess.deleteAll(ctx, paths, TIMEOUT);
        }
        return lines;
    }

    private static List<String> forget(String at, String primitive, String operation, String intervalMs) {
        String rsc = XmlText.literal(primitive);
        if (operation != null) {
            String key = primitive + "#" + operation + "_" + intervalMs;
            return List.of(
                    at + "/transient_attributes//nvpair[@name=" + XmlText.literal("fail-count-" + key) + " or @name="
                            + XmlText.literal("last-failure-" + key) + "]",
                    at + "/lrm/lrm_resources/lrm_resource[@id=" + rsc + "]/lrm_rsc_op[contains(@id,'_last_failure_')"
                            + " and @operation=" + XmlText.literal(operation) + " and @interval="
                            + XmlText.literal(intervalMs) + "]");
        }
        return List.of(
                at + "/lrm/lrm_resources/lrm_resource[@id=" + rsc + "]",
                at + "/transient_attributes//nvpair[@name=" + XmlText.literal("fail-count-" + primitive)
                        + " or starts-with(@name," + XmlText.literal("fail-count-" + primitive + "#") + ")"
                        + " or @name=" + XmlText.literal("last-failure-" + primitive)
                        + " or starts-with(@name," + XmlText.literal("last-failure-" + primitive + "#") + ")]");
    }

    /** The named node, or the online nodes with history of the primitive (all online ones if none has any). */
    private static List<Element> knownOn(String primitive, List<Element> states, boolean named) {
        if (named) {
            return states;
        }
        List<Element> online = states.stream()
                .filter(s -> "online".equals(s.getAttribute("crmd")))
                .toList();
        List<Element> known = online.stream().filter(s -> history(s, primitive)).toList();
        return known.isEmpty() ? online : known;
    }

    private static boolean history(Element state, String primitive) {
        NodeList resources = state.getElementsByTagName("lrm_resource");
        for (int i = 0; i < resources.getLength(); i++) {
            if (primitive.equals(((Element) resources.item(i)).getAttribute("id"))) {
                return true;
            }
        }
        return false;
    }

    private List<Element> nodeStates(String node) throws CliFailure {
        String nodeId = null;
        if (node != null) {
            nodeId = NodeIds.find(doc, node)
                    .orElseThrow(() -> new CliFailure(105, "crm_resource: Node '" + node + "' not found"));
        }
        Set<Element> states = new LinkedHashSet<>();
        NodeList all = doc.getElementsByTagName("node_state");
        for (int i = 0; i < all.getLength(); i++) {
            Element state = (Element) all.item(i);
            if (nodeId == null || nodeId.equals(state.getAttribute("id"))) {
                states.add(state);
            }
        }
        return new ArrayList<>(states);
    }

    private static String stateXPath(Element state) {
        return "/cib/status/node_state[@id=" + XmlText.literal(state.getAttribute("id")) + "]";
    }
}
