package io.raftbeat.cib;

import java.util.List;
import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

/**
 * Pacemaker's writes by scope ({@code cib_process_create}, {@code _modify}, {@code _replace}, {@code _delete},
 * {@code _erase}, {@code _bump} of lib/cib/cib_ops.c, 2.1.5), each mutating through the transaction. Version bumps
 * and validation happen afterwards in {@link CibCommit}.
 */
final class CibWrites {
    private CibWrites() {}

    /** Create: add each new element to the scope's section; "exists" when the section has one with that name+id. */
    static void create(CibTransaction tx, String scope, Element input) throws CibException {
        requireInput(input, "create");
        String section = scope;
        if ("all".equalsIgnoreCase(section)
                || "cib".equalsIgnoreCase(section)
                || input.getTagName().equalsIgnoreCase("cib")) {
            section = null;
        }
        if (section == null || section.isEmpty()) {
            modify(tx, null, input, false);
            return;
        }
        Element target = CibSections.find(tx.document(), section);
        if (target == null) {
            throw new CibException(
                    CibError.SOFTWARE, "Invalid argument: the CIB has no '" + section + "' section to create in");
        }
        if (input.getTagName().equalsIgnoreCase(section)) {
            for (Element child : CibTransaction.children(input)) {
                addCibObject(tx, target, child);
            }
        } else {
            addCibObject(tx, target, input);
        }
    }

    private static void addCibObject(CibTransaction tx, Element parent, Element obj) throws CibException {
        String id = obj.hasAttribute("id") ? obj.getAttribute("id") : null;
        if (XmlMerge.match(parent, obj.getTagName(), id == null ? null : "id", id) != null) {
            throw new CibException(
                    CibError.EXISTS,
                    "File exists: <" + obj.getTagName() + (id == null ? "" : " id=\"" + id + "\"")
                            + "> already exists in " + parent.getTagName());
        }
        XmlMerge.updateCibObject(tx, parent, obj);
    }

    /**
     * Modify: merge into the first element (document order, from the scope down) with the same name and id; a
     * missing configuration section is created first; not found is NOSUCH unless {@code allowCreate}.
     */
    static void modify(CibTransaction tx, String scope, Element input, boolean allowCreate) throws CibException {
        requireInput(input, "modify");
        Document doc = tx.document();
        Element root = CibSections.find(doc, scope);
        if (root == null) {
            Element parent = CibSections.parentFor(doc, scope);
            if (parent == null) {
                throw new CibException(CibError.SOFTWARE, "Invalid argument: cannot create section '" + scope + "'");
            }
            root = doc.createElement(scope);
            tx.append(parent, root, false); // Pacemaker adds it with add_node_copy: untracked
        }
        if (!XmlMerge.updateXmlChild(tx, root, input)) {
            if (!allowCreate) {
                throw new CibException(
                        CibError.NOSUCH,
                        "No such device or address: " + describe(input) + " not found in " + root.getTagName());
            }
            tx.append(root, input, false); // add_node_copy again: the document is dirty, the configuration not
        }
    }

    /** Replace: the whole CIB (refused when older), or the first element with that name and id, in place. */
    static void replace(CibTransaction tx, String scope, Element input) throws CibException {
        requireInput(input, "replace");
        String section = scope;
        String tag = input.getTagName();
        if ("all".equalsIgnoreCase(section) || tag.equalsIgnoreCase(section)) {
            section = null;
        }
        Document doc = tx.document();
        if (tag.equalsIgnoreCase("cib")) {
            checkReplacementNotOlder(doc.getDocumentElement(), input);
            tx.replace(doc.getDocumentElement(), input);
            return;
        }
        Element root = CibSections.find(doc, section);
        if (root == null || !replaceXmlChild(tx, null, root, input, false)) {
            throw new CibException(
                    CibError.NOSUCH, "No such device or address: " + describe(input) + " not found to replace");
        }
    }

    /** Delete: the first element whose name and every given attribute match (case-insensitive values). */
    static void delete(CibTransaction tx, String scope, Element input) throws CibException {
        requireInput(input, "delete");
        Element root = CibSections.find(tx.document(), scope);
        if (root == null) {
            return; // Pacemaker: nothing to delete is success
        }
        if (scope != null && input.getTagName().equalsIgnoreCase(scope)) {
            for (Element child : CibTransaction.children(input)) {
                replaceXmlChild(tx, null, root, child, true);
            }
        } else {
            replaceXmlChild(tx, null, root, input, true);
        }
    }

    /**
     * {@code replace_xml_child}: depth-first from {@code child}, the first element with the update's name (any case)
     * and id (or any, when the update has none), and for a delete every given attribute equal ignoring case, is
     * deleted or replaced by the update. The search root itself is never.
     */
    static boolean replaceXmlChild(
            CibTransaction tx, Element parent, Element child, Element update, boolean deleteOnly) {
        boolean can = matches(child, update, deleteOnly);
        if (can && parent != null) {
            if (deleteOnly) {
                tx.remove(child);
            } else {
                tx.replace(child, update);
            }
            return true;
        }
        Node c = child.getFirstChild();
        while (c != null) {
            Node next = c.getNextSibling();
            if (c instanceof Element e && replaceXmlChild(tx, child, e, update, deleteOnly)) {
                return true;
            }
            c = next;
        }
        return false;
    }

    private static boolean matches(Element child, Element update, boolean deleteOnly) {
        String upId = update.hasAttribute("id") ? update.getAttribute("id") : null;
        boolean can = upId == null
                || (child.hasAttribute("id") && child.getAttribute("id").equals(upId));
        if (!update.getTagName().equalsIgnoreCase(child.getTagName())) {
            return false;
        }
        if (can && deleteOnly) {
            NamedNodeMap attrs = update.getAttributes();
            for (int i = 0; i < attrs.getLength(); i++) {
                Attr a = (Attr) attrs.item(i);
                if (!child.hasAttribute(a.getName())
                        || !a.getValue().equalsIgnoreCase(child.getAttribute(a.getName()))) {
                    return false;
                }
            }
        }
        return can;
    }

    /** Erase: Pacemaker's empty CIB keeping the root's attributes, admin_epoch+1. */
    static void erase(CibTransaction tx) {
        Document doc = tx.document();
        Element old = doc.getDocumentElement();
        Element fresh = (Element) doc.importNode(Cib.empty().document().getDocumentElement(), true);
        NamedNodeMap attrs = old.getAttributes();
        for (int i = 0; i < attrs.getLength(); i++) {
            Attr a = (Attr) attrs.item(i);
            fresh.setAttribute(a.getName(), a.getValue());
        }
        fresh.setAttribute("admin_epoch", Long.toString(counter(old, "admin_epoch") + 1));
        tx.replace(old, fresh);
    }

    /** Bump: epoch+1 (a root attribute, so num_updates is bumped too, as Pacemaker does). */
    static void bump(CibTransaction tx) {
        Element root = tx.document().getDocumentElement();
        tx.setAttribute(root, "epoch", Long.toString(counter(root, "epoch") + 1));
    }

    /** Pacemaker's {@code cib_update_counter}: atoi of the old value (absent: 0). */
    private static long counter(Element e, String name) {
        return e.hasAttribute(name) ? XmlMerge.strtoll(e.getAttribute(name)) : 0;
    }

    private static void checkReplacementNotOlder(Element current, Element replacement) throws CibException {
        List<String> fields = List.of("admin_epoch", "epoch", "num_updates");
        for (String f : fields) {
            long have = versionField(current, f);
            long given = versionField(replacement, f);
            if (given < have) {
                throw CibCommit.older("the replacement's " + f + " " + given + " is lower than the current " + have);
            }
            if (given > have) {
                return;
            }
        }
    }

    private static long versionField(Element e, String name) {
        return e.hasAttribute(name) ? Cib.number(e, name) : -1;
    }

    private static void requireInput(Element input, String op) throws CibException {
        if (input == null) {
            throw new CibException(CibError.SOFTWARE, "Invalid argument: " + op + " needs XML (-X, -x or -p)");
        }
    }

    static String describe(Element e) {
        return "<" + e.getTagName() + (e.hasAttribute("id") ? " id=\"" + e.getAttribute("id") + "\"" : "") + ">";
    }
}
