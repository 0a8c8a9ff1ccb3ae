package io.raftbeat.cib;

import java.util.List;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The CIB's shape: which scope names exist (Pacemaker's {@code known_paths}), where each lives, and which elements
 * are sections (children of {@code configuration}, and {@code status}) or top-level elements (children of a
 * section), the unit of storage.
 */
final class CibSections {
    static final String CIB = "cib";
    static final String CONFIGURATION = "configuration";
    static final String STATUS = "status";

    /** Scopes Pacemaker resolves under /cib/configuration. */
    static final List<String> CONFIG_SECTIONS = List.of(
            "crm_config",
            "nodes",
            "resources",
            "constraints",
            "op_defaults",
            "rsc_defaults",
            "acls",
            "fencing-topology",
            "tags",
            "alerts");

    private CibSections() {}

    /** Whether Pacemaker knows this scope name; an unknown one resolves to the whole CIB, as in Pacemaker. */
    static boolean isKnownScope(String scope) {
        return CIB.equals(scope)
                || "all".equals(scope)
                || CONFIGURATION.equals(scope)
                || STATUS.equals(scope)
                || CONFIG_SECTIONS.contains(scope);
    }

    /**
     * Pacemaker's {@code pcmk_find_cib_element}: the element a scope names, the root for no scope, "all", "cib" or
     * an unknown name, and null for a known section that is absent.
     */
    static Element find(Document doc, String scope) {
        Element root = doc.getDocumentElement();
        if (scope == null || scope.isEmpty() || !isKnownScope(scope) || CIB.equals(scope) || "all".equals(scope)) {
            return root;
        }
        if (CONFIGURATION.equals(scope) || STATUS.equals(scope)) {
            return child(root, scope);
        }
        Element config = child(root, CONFIGURATION);
        return config == null ? null : child(config, scope);
    }

    /** The element under which a missing scope is created (Pacemaker's {@code pcmk_cib_parent_name_for}). */
    static Element parentFor(Document doc, String scope) {
        Element root = doc.getDocumentElement();
        if (CONFIGURATION.equals(scope) || STATUS.equals(scope)) {
            return root;
        }
        if (CONFIG_SECTIONS.contains(scope)) {
            return child(root, CONFIGURATION);
        }
        return null;
    }

    static Element child(Element parent, String name) {
        for (Node c = parent.getFirstChild(); c != null; c = c.getNextSibling()) {
            if (c instanceof Element e && e.getTagName().equals(name)) {
                return e;
            }
        }
        return null;
    }

    static boolean isRoot(Node n) {
        return n != null && n.getParentNode() != null && n.getParentNode().getNodeType() == Node.DOCUMENT_NODE;
    }

    static boolean isConfiguration(Node n) {
        return n instanceof Element e && e.getTagName().equals(CONFIGURATION) && isRoot(e.getParentNode());
    }

    /** A section: a child of /cib/configuration, or /cib/status. */
    static boolean isSection(Node n) {
        if (!(n instanceof Element e)) {
            return false;
        }
        Node parent = e.getParentNode();
        return isConfiguration(parent) || (e.getTagName().equals(STATUS) && isRoot(parent));
    }

    /** Whether the node lies under /cib/configuration (itself included). */
    static boolean inConfiguration(Node n) {
        for (Node p = n; p != null; p = p.getParentNode()) {
            if (isConfiguration(p)) {
                return true;
            }
        }
        return false;
    }

    /** Whether the node lies under /cib/status (itself included). */
    static boolean inStatus(Node n) {
        for (Node p = n; p != null; p = p.getParentNode()) {
            if (p instanceof Element e && e.getTagName().equals(STATUS) && isRoot(e.getParentNode())) {
                return true;
            }
        }
        return false;
    }

    /**
     * The unit a change to {@code n} belongs to: the top-level element (child of a section) containing it, or the
     * child of the root containing it when it lies outside every section; null for the root, configuration and
     * sections themselves (whose attributes the skeleton holds).
     */
    static Element unitOf(Node n) {
        Node cur = n;
        while (cur != null && cur.getNodeType() == Node.ELEMENT_NODE) {
            Node parent = cur.getParentNode();
            if (isRoot(cur) || isSection(cur) || isConfiguration(cur)) {
                return null;
            }
            if (isSection(parent) || isRoot(parent)) {
                return (Element) cur;
            }
            cur = parent;
        }
        return null;
    }
}
