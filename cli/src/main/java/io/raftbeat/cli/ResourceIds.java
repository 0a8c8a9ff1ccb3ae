package io.raftbeat.cli;

import java.util.ArrayList;
import java.util.List;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** Resources configured in the CIB, looked up by id: the element itself and the primitives inside it. */
final class ResourceIds {
    private static final List<String> KINDS = List.of("primitive", "group", "clone", "master", "bundle");

    private ResourceIds() {}

    /** The configured resource, or Pacemaker's "Resource 'ID' not found" (105). */
    static Element require(Document doc, String id, String program) throws CliFailure {
        NodeList resources = doc.getElementsByTagName("resources");
        if (resources.getLength() > 0) {
            Element found = find((Element) resources.item(0), id);
            if (found != null) {
                return found;
            }
        }
        throw new CliFailure(105, program + ": Resource '" + id + "' not found");
    }

    /** The primitive itself, or the primitives of a group, clone or bundle, in document order. */
    static List<String> primitives(Document doc, String id, String program) throws CliFailure {
        Element resource = require(doc, id, program);
        List<String> ids = new ArrayList<>();
        if (resource.getTagName().equals("primitive")) {
            ids.add(id);
        } else {
            NodeList inside = resource.getElementsByTagName("primitive");
            for (int i = 0; i < inside.getLength(); i++) {
                ids.add(((Element) inside.item(i)).getAttribute("id"));
            }
        }
        return ids;
    }

    private static Element find(Element parent, String id) {
        for (org.w3c.dom.Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && KINDS.contains(e.getTagName())) {
                if (id.equals(e.getAttribute("id"))) {
                    return e;
                }
                Element inner = find(e, id);
                if (inner != null) {
                    return inner;
                }
            }
        }
        return null;
    }
}
