package io.raftbeat.cib;

import io.raftbeat.proto.v1.OpResult;
import io.raftbeat.scheduler.OperationDigest;
import java.util.List;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * The {@code op-digest} Pacemaker's controller records with an operation: here the digest of the parameters the
 * configuration gives the resource when the result is recorded, for the operations the scheduler compares (a start,
 * promote, migrate_from, or a probe). The agent does not report the parameters it ran with, so a change made while
 * the operation was in flight goes unnoticed, as it did with no digest at all; a change made later restarts the
 * resource. Deterministic (the replicated log replays it); called by the thread owning the CIB.
 */
final class OpDigests {
    private static final List<String> COMPARED = List.of("start", "promote", "migrate_from", "monitor");

    private OpDigests() {}

    /** Sets {@code op-digest} on a non-recurring operation's record when its resource is configured. */
    static void stamp(Document doc, Element op, OpResult r) {
        if (r.getIntervalMs() != 0 || !COMPARED.contains(r.getOperation())) {
            return;
        }
        Element primitive = primitive(CibSections.child(doc.getDocumentElement(), "configuration"), r);
        if (primitive != null) {
            op.setAttribute("op-digest", OperationDigest.of(primitive, r.getOperation(), 0));
        }
    }

    private static Element primitive(Element parent, OpResult r) {
        if (parent == null) {
            return null;
        }
        for (Element e : CibTransaction.children(parent)) {
            if (e.getTagName().equals("primitive")
                    && e.getAttribute("id").equals(r.getResource().getId())) {
                return e;
            }
            boolean container =
                    switch (e.getTagName()) {
                        case "resources", "group", "clone", "master", "bundle" -> true;
                        default -> false;
                    };
            Element found = container ? primitive(e, r) : null;
            if (found != null) {
                return found;
            }
        }
        return null;
    }
}
