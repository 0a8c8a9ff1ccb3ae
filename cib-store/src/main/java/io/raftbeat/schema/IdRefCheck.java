package io.raftbeat.schema;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

/**
 * libxml2's ID/IDREF rules as Pacemaker's validation applies them: every ID-typed attribute value is unique in the
 * document, and every IDREF (and each name of an IDREFS) names one of them. The status section is skipped: the
 * schema lets it hold anything, untyped. Deterministic: errors are reported in document order.
 */
final class IdRefCheck {
    private IdRefCheck() {}

    static void check(Document cib, IdTypes types) throws SchemaException {
        Map<String, String> ids = new HashMap<>();
        Deque<Element> refs = new ArrayDeque<>();
        Deque<Element> stack = new ArrayDeque<>();
        stack.push(cib.getDocumentElement());
        while (!stack.isEmpty()) {
            Element e = stack.pop();
            NamedNodeMap attrs = e.getAttributes();
            boolean hasRef = false;
            for (int i = 0; i < attrs.getLength(); i++) {
                Attr a = (Attr) attrs.item(i);
                String type = types.typeOf(e.getTagName(), a.getName());
                if ("ID".equals(type)) {
                    String other = ids.putIfAbsent(a.getValue(), e.getTagName());
                    if (other != null) {
                        throw new SchemaException(
                                SchemaException.Kind.INVALID,
                                "ID \"" + a.getValue() + "\" of element \"" + e.getTagName()
                                        + "\" is already used by element \"" + other + "\"");
                    }
                } else if (type != null) {
                    hasRef = true;
                }
            }
            if (hasRef) {
                refs.add(e);
            }
            for (Node c = e.getLastChild(); c != null; c = c.getPreviousSibling()) {
                if (c instanceof Element child && !isStatus(child)) {
                    stack.push(child);
                }
            }
        }
        for (Element e : refs) {
            NamedNodeMap attrs = e.getAttributes();
            for (int i = 0; i < attrs.getLength(); i++) {
                Attr a = (Attr) attrs.item(i);
                String type = types.typeOf(e.getTagName(), a.getName());
                if ("IDREF".equals(type) || "IDREFS".equals(type)) {
                    for (String ref : a.getValue().trim().split("\\s+")) {
                        if (!ids.containsKey(ref)) {
                            throw new SchemaException(
                                    SchemaException.Kind.INVALID,
                                    "IDREF \"" + ref + "\" in attribute \"" + a.getName() + "\" of element \""
                                            + e.getTagName() + "\" matches no ID");
                        }
                    }
                }
            }
        }
    }

    private static boolean isStatus(Element e) {
        Node parent = e.getParentNode();
        return e.getTagName().equals("status")
                && parent != null
                && parent.getParentNode() != null
                && parent.getParentNode().getNodeType() == Node.DOCUMENT_NODE;
    }
}
