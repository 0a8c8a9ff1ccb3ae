package io.raftbeat.cib;

import io.raftbeat.proto.v1.OpResult;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * A node's operation history as Pacemaker's controller records it ({@code controld_execd.c}, "Pacemaker
 * Explained: lrm_rsc_op"): under {@code node_state/lrm/lrm_resources/lrm_resource}, one {@code <rsc>_last_0} for the
 * last non-recurring operation, one {@code <rsc>_monitor_<ms>} per recurring monitor, and {@code
 * <rsc>_last_failure_0} for the last failure. Mutates through the transaction; called by the thread owning the CIB.
 */
final class LrmHistory {
    private LrmHistory() {}

    /** Records one result of {@code node}'s agent. */
    static void record(CibTransaction tx, String node, OpResult r) {
        Element state = NodeStates.nodeState(tx, node);
        Element resource = lrmResource(tx, state, node, r);
        String rsc = r.getResource().getId();
        boolean recurring = r.getIntervalMs() > 0;
        String monitorId = rsc + "_" + r.getOperation() + "_" + r.getIntervalMs();
        if (r.getOpStatus() == OpResults.CANCELLED) {
            // A cancelled recurring operation leaves no record: Pacemaker deletes its history entry.
            if (recurring) {
                remove(tx, resource, monitorId);
            }
            return;
        }
        Element last = LrmRscOp.build(tx.document(), recurring ? monitorId : rsc + "_last_0", node, r);
        OpDigests.stamp(tx.document(), last, r);
        put(tx, resource, last);
        if (OpResults.isFailure(r)) {
            put(tx, resource, LrmRscOp.build(tx.document(), rsc + "_last_failure_0", node, r));
        } else if (r.getOperation().equals("stop") && !recurring) {
            // A stopped resource runs no monitors: its recurring records go with it.
            for (Element op : CibTransaction.children(resource)) {
                if (!op.getAttribute("interval").isEmpty()
                        && !op.getAttribute("interval").equals("0")) {
                    tx.remove(op);
                }
            }
        }
    }

    private static Element lrmResource(CibTransaction tx, Element state, String node, OpResult r) {
        Element lrm = child(tx, state, "lrm", node);
        Element resources = child(tx, lrm, "lrm_resources", null);
        String rsc = r.getResource().getId();
        Element resource = NodeStates.childWithId(resources, "lrm_resource", rsc);
        if (resource == null) {
            resource = tx.document().createElement("lrm_resource");
            resource.setAttribute("id", rsc);
            tx.append(resources, resource, true);
        }
        tx.setAttribute(resource, "type", r.getResource().getType());
        tx.setAttribute(resource, "class", r.getResource().getResourceClass());
        if (r.getResource().getProvider().isEmpty()) {
            tx.removeAttribute(resource, "provider");
        } else {
            tx.setAttribute(resource, "provider", r.getResource().getProvider());
        }
        return resource;
    }

    /** The child named {@code name} (with {@code id} when given), created when missing. */
    static Element child(CibTransaction tx, Element parent, String name, String id) {
        Element c = id == null ? CibSections.child(parent, name) : NodeStates.childWithId(parent, name, id);
        if (c == null) {
            Document doc = tx.document();
            c = doc.createElement(name);
            if (id != null) {
                c.setAttribute("id", id);
            }
            tx.append(parent, c, true);
        }
        return c;
    }

    private static void put(CibTransaction tx, Element resource, Element op) {
        Element old = NodeStates.childWithId(resource, "lrm_rsc_op", op.getAttribute("id"));
        if (old == null) {
            tx.append(resource, op, true);
        } else {
            tx.replace(old, op);
        }
    }

    private static void remove(CibTransaction tx, Element resource, String id) {
        Element old = NodeStates.childWithId(resource, "lrm_rsc_op", id);
        if (old != null) {
            tx.remove(old);
        }
    }
}
