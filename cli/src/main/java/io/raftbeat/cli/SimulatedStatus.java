package io.raftbeat.cli;

import io.raftbeat.scheduler.OperationDigest;
import io.raftbeat.status.Xml;
import java.util.List;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Writes what crm_simulate pretends into a CIB's status section, as Pacemaker 2.1.5's injections do
 * ({@code pcmk__inject_node_state_change}, {@code pcmk__inject_failcount}, {@code pcmk__create_history_xml}): node
 * states, fail counts and operation results. Mutates the document it is given; one thread.
 */
final class SimulatedStatus {
    private static final String UUID = "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx";
    private static final String FEATURE_SET = "3.16.1";

    private final Document cib;
    private final long now;

    SimulatedStatus(Document cib, long nowSeconds) {
        this.cib = cib;
        this.now = nowSeconds;
    }

    /** Online and a member ({@code up}), or cleanly down; a node going down loses its history and attributes. */
    Element nodeUp(String uname, boolean up) {
        Element state = nodeState(uname);
        state.setAttribute("in_ccm", up ? "true" : "false");
        state.setAttribute("crmd", up ? "online" : "offline");
        state.setAttribute("join", up ? "member" : "down");
        state.setAttribute("expected", up ? "member" : "down");
        state.setAttribute("crm-debug-origin", "crm_simulate");
        if (!up) {
            for (String tag : List.of("lrm", "transient_attributes")) {
                Xml.children(state, tag).forEach(state::removeChild);
            }
        }
        return state;
    }

    /** Left the membership while its controller still counts as up: Pacemaker's "UNCLEAN (offline)". */
    void nodeFail(String uname) {
        nodeUp(uname, true).setAttribute("in_ccm", "false");
    }

    /**
     * The node's state entry, found by name, or created with the id its configuration entry gives (the configuration
     * entry is added, with the name as id, when there is none).
     */
    Element nodeState(String uname) {
        Element status = section("status");
        for (Element s : Xml.children(status, "node_state")) {
            if (uname.equals(s.getAttribute("uname"))) {
                return s;
            }
        }
        String id = null;
        Element nodes = child(child(cib.getDocumentElement(), "configuration", null), "nodes", null);
        for (Element n : Xml.children(nodes, "node")) {
            if (uname.equals(n.getAttribute("uname")) && !n.getAttribute("id").isEmpty()) {
                id = n.getAttribute("id");
            }
        }
        if (id == null) { // crm_simulate configures a node it is told about (pcmk__simulate_node_config)
            id = uname;
            Element node = cib.createElement("node");
            node.setAttribute("id", id);
            node.setAttribute("uname", uname);
            nodes.appendChild(node);
        }
        Element state = cib.createElement("node_state");
        state.setAttribute("id", id);
        state.setAttribute("uname", uname);
        status.appendChild(state);
        return state;
    }

    /**
     * Raises the fail count of a failed result (not 0, nor 7 from a probe) as {@code value++} does, stamps the last
     * failure, and returns the two lines Pacemaker prints for it (none when nothing failed).
     */
    List<String> failCount(Element state, String rsc, String task, long intervalMs, int rc) {
        if (rc == 0 || rc == 7 && intervalMs == 0) {
            return List.of();
        }
        String suffix = rsc + "#" + task + "_" + intervalMs;
        Element set = child(
                child(state, "transient_attributes", state.getAttribute("id")),
                "instance_attributes",
                state.getAttribute("id"));
        Element count = nvpair(set, "fail-count-" + suffix);
        String before = count.getAttribute("value");
        count.setAttribute("value", String.valueOf(before.isEmpty() ? 1 : Xml.score(before) + 1));
        nvpair(set, "last-failure-" + suffix).setAttribute("value", String.valueOf(now));
        String where = " into /node_state '" + state.getAttribute("id") + "'";
        return List.of(
                "Injecting attribute fail-count-" + suffix + "=value++" + where,
                "Injecting attribute last-failure-" + suffix + "=" + now + where);
    }

    /**
     * Records one operation result under the resource's history on that node, with Pacemaker's ids: {@code _last_0}
     * for a non-recurring one, {@code _monitor_<ms>} for a recurring one, plus {@code _last_failure_0} when it failed.
     * {@code digested}: with the op-digest of its parameters, which Pacemaker restarts a resource without.
     */
    void result(
            Element state,
            Element primitive,
            String task,
            long intervalMs,
            int rc,
            int targetRc,
            String reason,
            boolean digested) {
        Element history = history(state, primitive);
        int callId = 0;
        for (Element op : Xml.children(history, "lrm_rsc_op")) {
            callId = Math.max(callId, Xml.score(op.getAttribute("call-id")));
        }
        callId++;
        String rsc = primitive.getAttribute("id");
        String key = rsc + "_" + task + "_" + intervalMs;
        boolean probeNotRunning = task.equals("monitor") && intervalMs == 0 && rc == 7;
        boolean failed = rc != targetRc && !probeNotRunning;
        String id = intervalMs > 0 && task.equals("monitor") ? key : rsc + "_last_0";
        // Executed non-recurring operations carry the parameters' digest; injected ones (-i) do not, as in Pacemaker.
        String digest = digested && intervalMs == 0 ? OperationDigest.of(primitive, task, 0) : null;
        if (!(failed && intervalMs > 0)) {
            op(history, id, key, task, intervalMs, rc, targetRc, reason, callId, digest);
        }
        if (failed) {
            op(history, rsc + "_last_failure_0", key, task, intervalMs, rc, targetRc, reason, callId, digest);
        }
    }

    private void op(
            Element history,
            String id,
            String key,
            String task,
            long intervalMs,
            int rc,
            int target,
            String reason,
            int callId,
            String digest) {
        for (Element old : Xml.children(history, "lrm_rsc_op")) {
            if (id.equals(old.getAttribute("id"))) {
                history.removeChild(old);
            }
        }
        String transitionKey = callId + ":-1:" + target + ":" + UUID;
        Element op = cib.createElement("lrm_rsc_op");
        String[][] attrs = {
            {"id", id},
            {"operation_key", key},
            {"operation", task},
            {"crm-debug-origin", "crm_simulate"},
            {"crm_feature_set", FEATURE_SET},
            {"transition-key", transitionKey},
            {"transition-magic", "0:" + rc + ";" + transitionKey},
            {"exit-reason", reason},
            {"call-id", String.valueOf(callId)},
            {"rc-code", String.valueOf(rc)},
            {"op-status", "0"},
            {"interval", String.valueOf(intervalMs)},
            {"last-rc-change", String.valueOf(now)},
            {"exec-time", "0"},
            {"queue-time", "0"}
        };
        for (String[] a : attrs) {
            op.setAttribute(a[0], a[1]);
        }
        if (digest != null) {
            op.setAttribute("op-digest", digest);
        }
        history.appendChild(op);
    }

    private Element history(Element state, Element primitive) {
        Element resources = child(child(state, "lrm", state.getAttribute("id")), "lrm_resources", null);
        for (Element r : Xml.children(resources, "lrm_resource")) {
            if (r.getAttribute("id").equals(primitive.getAttribute("id"))) {
                return r;
            }
        }
        Element r = cib.createElement("lrm_resource");
        r.setAttribute("id", primitive.getAttribute("id"));
        for (String a : List.of("class", "provider", "type")) {
            if (primitive.hasAttribute(a)) {
                r.setAttribute(a, primitive.getAttribute(a));
            }
        }
        resources.appendChild(r);
        return r;
    }

    private Element nvpair(Element set, String name) {
        for (Element nv : Xml.children(set, "nvpair")) {
            if (name.equals(nv.getAttribute("name"))) {
                return nv;
            }
        }
        Element nv = cib.createElement("nvpair");
        nv.setAttribute("id", set.getAttribute("id") + "-" + name.replace('#', '.'));
        nv.setAttribute("name", name);
        set.appendChild(nv);
        return nv;
    }

    private Element child(Element parent, String tag, String id) {
        Element found = Xml.child(parent, tag);
        if (found == null) {
            found = cib.createElement(tag);
            if (id != null) {
                found.setAttribute("id", id);
            }
            parent.appendChild(found);
        }
        return found;
    }

    private Element section(String tag) {
        return child(cib.getDocumentElement(), tag, null);
    }
}
