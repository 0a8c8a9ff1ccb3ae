package io.raftbeat.cib;

import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * The node entries of the CIB that the store writes for agents: {@code <node>} in configuration/nodes and
 * {@code <node_state>} in status, as Pacemaker's controller records membership ({@code crmd}, {@code in_ccm},
 * {@code join}, {@code expected}). Mutates through the transaction only; called by the thread owning the CIB.
 */
final class NodeStates {
    static final String ORIGIN = "raftbeat";
    private static final String NODES = "nodes";

    private NodeStates() {}

    /** The node's {@code <node id=N uname=N type="member"/>}, created when missing (a configuration change). */
    static void ensureNode(CibTransaction tx, String node) {
        Document doc = tx.document();
        Element root = doc.getDocumentElement();
        Element config = CibSections.child(root, CibSections.CONFIGURATION);
        if (config == null) {
            config = doc.createElement(CibSections.CONFIGURATION);
            tx.append(root, config, true);
        }
        Element nodes = CibSections.child(config, NODES);
        if (nodes == null) {
            nodes = doc.createElement(NODES);
            tx.append(config, nodes, true);
        }
        if (childWithId(nodes, "node", node) != null) {
            return;
        }
        Element e = doc.createElement("node");
        e.setAttribute("id", node);
        e.setAttribute("uname", node);
        e.setAttribute("type", "member");
        tx.append(nodes, e, true);
    }

    /** The node's node_state, created (with id and uname only) when missing. */
    static Element nodeState(CibTransaction tx, String node) {
        Element status = CibSections.child(tx.document().getDocumentElement(), CibSections.STATUS);
        Element state = childWithId(status, "node_state", node);
        if (state == null) {
            state = tx.document().createElement("node_state");
            state.setAttribute("id", node);
            state.setAttribute("uname", node);
            tx.append(status, state, true);
        }
        return state;
    }

    /**
     * The node's agent joined: online and expected, as Pacemaker's controller records a member that joined. A
     * {@code shutdown} attribute left by its last clean stop goes, so the node may host resources again.
     */
    static void online(CibTransaction tx, String node) {
        Element state = nodeState(tx, node);
        set(tx, state, "true", "online", "member", "member");
        clearShutdown(tx, state);
    }

    /** Removes every {@code shutdown} nvpair from the node_state's transient attributes. */
    private static void clearShutdown(CibTransaction tx, Element state) {
        for (Element transients : CibTransaction.children(state)) {
            if (!transients.getTagName().equals("transient_attributes")) {
                continue;
            }
            for (Element set : CibTransaction.children(transients)) {
                for (Element nvpair : CibTransaction.children(set)) {
                    if (nvpair.getTagName().equals("nvpair")
                            && nvpair.getAttribute("name").equals("shutdown")) {
                        tx.remove(nvpair);
                    }
                }
            }
        }
    }

    /**
     * The node went away: offline. {@code clean} (it left) sets expected="down"; otherwise expected stays "member",
     * which Pacemaker shows as "UNCLEAN (offline)" until the node is fenced. The lrm history is kept either way.
     */
    static void offline(CibTransaction tx, String node, boolean clean) {
        Element state = nodeState(tx, node);
        String expected = clean ? "down" : state.hasAttribute("expected") ? state.getAttribute("expected") : "member";
        set(tx, state, "false", "offline", "down", expected);
    }

    /**
     * The node was fenced: offline and expected down, as Pacemaker's controller records a fenced node, and its lrm
     * history and transient attributes erased (its fail counts too): whatever ran there was stopped by the reset.
     */
    static void fenced(CibTransaction tx, String node) {
        Element state = nodeState(tx, node);
        set(tx, state, "false", "offline", "down", "down");
        for (Element child : CibTransaction.children(state)) {
            if (child.getTagName().equals("lrm") || child.getTagName().equals("transient_attributes")) {
                tx.remove(child);
            }
        }
    }

    /** The node was unfenced (a fence "on" succeeded): {@code #node-unfenced}, the time, as Pacemaker records it. */
    static void unfenced(CibTransaction tx, String node, long seconds) {
        TransientAttributes.put(
                tx, TransientAttributes.statusSet(tx, node), node, "#node-unfenced", Long.toString(seconds));
    }

    private static void set(CibTransaction tx, Element state, String inCcm, String crmd, String join, String expected) {
        tx.setAttribute(state, "in_ccm", inCcm);
        tx.setAttribute(state, "crmd", crmd);
        tx.setAttribute(state, "join", join);
        tx.setAttribute(state, "expected", expected);
        tx.setAttribute(state, "crm-debug-origin", ORIGIN);
    }

    /** The first child element of {@code parent} named {@code name} with this id, or null. */
    static Element childWithId(Element parent, String name, String id) {
        for (Element c : CibTransaction.children(parent)) {
            if (c.getTagName().equals(name) && c.getAttribute("id").equals(id)) {
                return c;
            }
        }
        return null;
    }
}
