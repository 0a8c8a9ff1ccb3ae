package io.raftbeat.scheduler;

import io.raftbeat.status.ClusterStatus;
import io.raftbeat.status.NodeStatus;
import io.raftbeat.status.ResourceHistory;
import io.raftbeat.status.Xml;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Resources whose definition changed since they started where they run: Pacemaker 2.1.5's
 * pcmk__handle_rsc_config_changes. On each node that can run resources, for each configured primitive active there:
 * a changed agent (class, provider, type) restarts it; so does a start (or a probe, promote, migrate_from) since its
 * last start whose recorded {@code op-restart-digest} differs from the one of the parameters now configured, or
 * whose {@code op-digest} differs when there is no restart digest (the agent cannot reload); with a restart digest
 * that matches, a differing {@code op-digest} reloads it. A history entry with no digest is taken as unchanged (our
 * node agent records none yet; Pacemaker would restart). Recurring monitors are only rescheduled by Pacemaker, which
 * a transition summary does not show: left out. Pure; one use per scheduler run.
 */
final class DefinitionChanges {
    enum Change {
        RELOAD,
        /** Parameters changed that the agent cannot reload. */
        RESTART,
        /** A different agent: restarted, with no reason given (Pacemaker's summary prints none). */
        NEW_AGENT
    }

    private final Map<String, Map<String, Change>> byResource = new HashMap<>();

    private DefinitionChanges() {}

    static DefinitionChanges of(Document cib, ClusterStatus status) {
        DefinitionChanges changes = new DefinitionChanges();
        Element root = cib.getDocumentElement();
        Map<String, Element> primitives = new HashMap<>();
        collect(Xml.path(root, "configuration", "resources"), primitives);
        Map<String, List<String>> active = new HashMap<>();
        for (ResourceHistory h : status.histories()) {
            if (h.active()) {
                active.computeIfAbsent(h.resource(), k -> new ArrayList<>()).add(h.node());
            }
        }
        for (Element state : Xml.children(Xml.child(root, "status"), "node_state")) {
            String node =
                    state.getAttribute("uname").isEmpty() ? state.getAttribute("id") : state.getAttribute("uname");
            if (!status.node(node).map(DefinitionChanges::available).orElse(false)) {
                continue;
            }
            for (Element rsc : Xml.children(Xml.path(state, "lrm", "lrm_resources"), "lrm_resource")) {
                Element primitive = primitives.get(rsc.getAttribute("id"));
                if (primitive != null
                        && active.getOrDefault(primitive.getAttribute("id"), List.of())
                                .contains(node)) {
                    Change c = change(primitive, rsc);
                    if (c != null) {
                        changes.byResource
                                .computeIfAbsent(rsc.getAttribute("id"), k -> new HashMap<>())
                                .put(node, c);
                    }
                }
            }
        }
        return changes;
    }

    /** The change to act on for a resource on a node where it runs, or null when its definition is as recorded. */
    Change on(String resource, String node) {
        return byResource.getOrDefault(resource, Map.of()).get(node);
    }

    /** Pacemaker's pcmk__node_available: online, clean, not leaving, not in standby or maintenance. */
    private static boolean available(NodeStatus n) {
        return n.online() && !n.unclean() && !n.shuttingDown() && !n.standby() && !n.maintenance();
    }

    private static Change change(Element primitive, Element rsc) {
        for (String attr : List.of("class", "provider", "type")) {
            if (!primitive.getAttribute(attr).equals(rsc.getAttribute(attr))) {
                return Change.NEW_AGENT; // pcmk__rsc_agent_changed
            }
        }
        List<Element> ops = new ArrayList<>(Xml.children(rsc, "lrm_rsc_op"));
        ops.sort(Comparator.comparingLong(op -> Xml.longAttr(op, "call-id", -1)));
        int start = -1;
        int stop = -1;
        int impliedStart = -1;
        for (int i = 0; i < ops.size(); i++) {
            String task = ops.get(i).getAttribute("operation");
            if (task.equals("stop") && ops.get(i).getAttribute("op-status").equals("0")) {
                stop = i;
            } else if (task.equals("start") || task.equals("migrate_from")) {
                start = i;
            } else if (impliedStart <= stop && task.equals("monitor")) {
                String rc = ops.get(i).getAttribute("rc-code");
                if (rc.equals("0") || rc.equals("8")) {
                    impliedStart = i;
                }
            }
        }
        start = start == -1 ? impliedStart : start;
        if (start < stop) {
            return null; // stopped since
        }
        Change change = null;
        for (int i = Math.max(start, 0); i < ops.size(); i++) {
            Element op = ops.get(i);
            String task = op.getAttribute("operation");
            boolean startLike =
                    List.of("monitor", "start", "promote", "migrate_from").contains(task);
            if (Xml.longAttr(op, "interval", 0) == 0 && startLike) {
                Change c = compare(primitive, op);
                if (c == Change.RESTART) {
                    return c;
                }
                change = c == null ? change : c;
            }
        }
        return change;
    }

    /**
     * Pacemaker's rsc_action_digest_cmp for a non-recurring operation, then what pcmk__check_action_config does. As
     * crm_simulate does (its "sanitized" flag), a change only in the parameters masked from {@code op-secure-digest}
     * (passwords hidden in a CIB copied for a report) is none: our agents record no secure digest, so the live
     * cluster is not affected.
     */
    private static Change compare(Element primitive, Element op) {
        Change change = digestChange(primitive, op);
        String secure = op.getAttribute("op-secure-digest");
        if (change != null
                && !secure.isEmpty()
                && OperationDigest.secure(primitive, op).equals(secure)) {
            return null;
        }
        return change;
    }

    private static Change digestChange(Element primitive, Element op) {
        Map<String, String> params = OperationDigest.parameters(primitive, op.getAttribute("operation"), 0);
        String restartDigest = op.getAttribute("op-restart-digest");
        if (!restartDigest.isEmpty()) {
            Map<String, String> restart = op.hasAttribute("op-force-restart")
                    ? OperationDigest.restartParameters(params, op.getAttribute("op-force-restart"))
                    : params;
            if (!OperationDigest.of(restart).equals(restartDigest)) {
                return Change.RESTART;
            }
        }
        String digest = op.getAttribute("op-digest");
        if (digest.isEmpty() || OperationDigest.of(params).equals(digest)) {
            return null;
        }
        return restartDigest.isEmpty() ? Change.RESTART : Change.RELOAD;
    }

    private static void collect(Element parent, Map<String, Element> primitives) {
        for (Element e : Xml.children(parent, null)) {
            if (e.getTagName().equals("primitive")) {
                primitives.put(e.getAttribute("id"), e);
            } else {
                collect(e, primitives);
            }
        }
    }
}
