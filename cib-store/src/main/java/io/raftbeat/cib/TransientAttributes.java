package io.raftbeat.cib;

import org.w3c.dom.Element;

/**
 * A node's transient attributes in its node_state ({@code transient_attributes/instance_attributes "status-NODE"}),
 * as Pacemaker's attribute manager writes them: fail counts, {@code last-failure-*}, {@code #node-unfenced}. Mutates
 * through the transaction only.
 */
final class TransientAttributes {
    private TransientAttributes() {}

    /** node_state/transient_attributes/instance_attributes "status-NODE", created when missing. */
    static Element statusSet(CibTransaction tx, String node) {
        Element state = NodeStates.nodeState(tx, node);
        Element transients = LrmHistory.child(tx, state, "transient_attributes", node);
        return LrmHistory.child(tx, transients, "instance_attributes", "status-" + node);
    }

    /** The nvpair named {@code name} in {@code set}, or null. */
    static Element nvpair(Element set, String name) {
        for (Element nv : CibTransaction.children(set)) {
            if (nv.getTagName().equals("nvpair") && nv.getAttribute("name").equals(name)) {
                return nv;
            }
        }
        return null;
    }

    static void put(CibTransaction tx, Element set, String node, String name, String value) {
        Element nv = nvpair(set, name);
        if (nv != null) {
            tx.setAttribute(nv, "value", value);
            return;
        }
        nv = tx.document().createElement("nvpair");
        nv.setAttribute("id", "status-" + node + "-" + name.replace('#', '.'));
        nv.setAttribute("name", name);
        nv.setAttribute("value", value);
        tx.append(set, nv, true);
    }
}
