package io.raftbeat.cib;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

/**
 * Every mutation of one operation goes through here, so that the operation can be undone exactly and its delta
 * computed, at a cost proportional to what it touched. At the start it snapshots the skeleton (root, configuration
 * and section attributes, the root's and configuration's child lists: a dozen nodes); a top-level element is cloned
 * before its first change and a section's child list saved before its first structural change.
 *
 * <p>It also tracks, as Pacemaker's change tracking does, whether the document is dirty and whether the
 * configuration is: that decides which version field the operation bumps. Owned by the thread applying the
 * operation.
 */
final class CibTransaction {
    private final Document doc;
    private final Element originalRoot;
    private final String originalSchema;
    private final Map<Element, Map<String, String>> savedAttrs = new IdentityHashMap<>();
    private final Map<Element, List<Element>> savedChildren = new IdentityHashMap<>();
    private final Map<Element, Element> backups = new LinkedHashMap<>();
    private final Map<Element, Long> nextSeq = new IdentityHashMap<>();
    private final List<Element> originalSections;
    private boolean dirty;
    private boolean configDirty;
    private boolean outsideStatusDirty;

    CibTransaction(Cib cib) {
        this.doc = cib.document();
        this.originalRoot = doc.getDocumentElement();
        this.originalSchema = CibCommit.schemaOf(originalRoot);
        this.originalSections = cib.sections();
        saveSkeletonNode(originalRoot);
        Element config = CibSections.child(originalRoot, CibSections.CONFIGURATION);
        if (config != null) {
            saveSkeletonNode(config);
        }
        for (Element s : originalSections) {
            savedAttrs.put(s, attributes(s));
        }
    }

    Document document() {
        return doc;
    }

    boolean dirty() {
        return dirty;
    }

    boolean configDirty() {
        return configDirty;
    }

    /** Whether anything but the status section changed: what Pacemaker's schema has a say on. */
    boolean outsideStatusDirty() {
        return outsideStatusDirty;
    }

    /** The validate-with the CIB had when this transaction started. */
    String originalSchema() {
        return originalSchema;
    }

    Element originalRoot() {
        return originalRoot;
    }

    List<Element> originalSections() {
        return originalSections;
    }

    /** Sets an attribute; like Pacemaker's crm_xml_add, an unchanged value leaves the document clean. */
    void setAttribute(Element e, String name, String value) {
        if (e.hasAttribute(name) && e.getAttribute(name).equals(value)) {
            return;
        }
        touch(e);
        e.setAttribute(name, value);
        markDirty(e);
    }

    void removeAttribute(Element e, String name) {
        if (!e.hasAttribute(name)) {
            return;
        }
        touch(e);
        e.removeAttribute(name);
        markDirty(e);
    }

    /**
     * Appends {@code child} (a node of this document, detached). {@code tracked} false mirrors Pacemaker's
     * add_node_copy, which its change tracking does not see: the document becomes dirty but not the configuration.
     */
    void append(Element parent, Element child, boolean tracked) {
        if (CibSections.isSection(parent)) {
            touchChildren(parent);
            Cib.setSeq(child, allocate(parent));
        } else {
            touch(parent);
        }
        parent.appendChild(child);
        numberNewSections(child);
        if (tracked) {
            markDirty(child);
        } else {
            dirty = true;
            outsideStatusDirty |= !CibSections.inStatus(parent);
        }
    }

    /**
     * Pacemaker's loaders add a missing status section whenever they read a CIB, unseen by change tracking; every
     * operation here starts the same way (undone with the rest on failure, carried by the delta's skeleton).
     */
    void ensureStatus() {
        Element root = doc.getDocumentElement();
        if (CibSections.child(root, CibSections.STATUS) == null) {
            Element status = doc.createElement(CibSections.STATUS);
            root.appendChild(status);
            numberNewSections(status);
        }
    }

    /** Removes an element; a removal under /cib/configuration is a configuration change, as in Pacemaker. */
    void remove(Element e) {
        Element parent = (Element) e.getParentNode();
        boolean inConfig = CibSections.inConfiguration(e);
        outsideStatusDirty |= !CibSections.inStatus(e);
        if (CibSections.isSection(parent)) {
            touchChildren(parent);
        } else {
            touch(e);
        }
        parent.removeChild(e);
        dirty = true;
        configDirty |= inConfig;
    }

    /**
     * Replaces {@code old} by {@code replacement} (a detached node of this document) in place; a top-level element
     * keeps its key. Dirty only when they differ (Pacemaker calculates the changes of a replaced node).
     */
    void replace(Element old, Element replacement) {
        boolean differs = !old.isEqualNode(replacement);
        boolean inConfig = CibSections.inConfiguration(old) || CibSections.isConfiguration(old);
        if (CibSections.isRoot(old)) {
            configDirty |= !same(
                    CibSections.child(old, CibSections.CONFIGURATION),
                    CibSections.child(replacement, CibSections.CONFIGURATION));
            doc.replaceChild(replacement, old);
            numberNewSections(replacement);
            dirty |= differs;
            outsideStatusDirty |= differs;
            return;
        }
        Element parent = (Element) old.getParentNode();
        if (CibSections.isSection(parent)) {
            touchChildren(parent);
            Cib.setSeq(replacement, Cib.seqOf(old));
        } else if (!CibSections.isRoot(parent) && !CibSections.isConfiguration(parent)) {
            touch(old);
        }
        parent.replaceChild(replacement, old);
        numberNewSections(replacement);
        if (differs) {
            dirty = true;
            configDirty |= inConfig;
            outsideStatusDirty |= !CibSections.inStatus(parent);
        }
    }

    /** Records the top-level element containing {@code n} before its content changes. */
    void touch(Node n) {
        Element unit = CibSections.unitOf(n);
        if (unit != null && !backups.containsKey(unit)) {
            Element copy = (Element) unit.cloneNode(true);
            Cib.setSeq(copy, Cib.seqOf(unit));
            backups.put(unit, copy);
        }
    }

    /** Top-level elements whose content may have changed (cloned before the change), still in the document. */
    Set<Element> touchedUnits() {
        Set<Element> out = Collections.newSetFromMap(new IdentityHashMap<>());
        out.addAll(backups.keySet());
        return out;
    }

    Element backupOf(Element unit) {
        return backups.get(unit);
    }

    /** The child list a section had before this operation (its current one if never changed structurally). */
    List<Element> childrenBefore(Element section) {
        List<Element> saved = savedChildren.get(section);
        return saved != null ? saved : children(section);
    }

    boolean childrenChanged(Element section) {
        return savedChildren.containsKey(section);
    }

    /** Puts the document back exactly as it was when this transaction started. */
    void rollback() {
        if (doc.getDocumentElement() != originalRoot) {
            doc.replaceChild(originalRoot, doc.getDocumentElement());
        }
        for (Map.Entry<Element, List<Element>> e : savedChildren.entrySet()) {
            Element parent = e.getKey();
            while (parent.getFirstChild() != null) {
                parent.removeChild(parent.getFirstChild());
            }
            for (Element c : e.getValue()) {
                parent.appendChild(c);
            }
        }
        for (Map.Entry<Element, Map<String, String>> e : savedAttrs.entrySet()) {
            restoreAttributes(e.getKey(), e.getValue());
        }
        for (Map.Entry<Element, Element> e : backups.entrySet()) {
            Element unit = e.getKey();
            if (unit.getParentNode() != null) {
                unit.getParentNode().replaceChild(e.getValue(), unit);
            }
        }
    }

    private void saveSkeletonNode(Element e) {
        savedAttrs.put(e, attributes(e));
        savedChildren.put(e, children(e));
    }

    private void touchChildren(Element section) {
        if (!savedChildren.containsKey(section)) {
            List<Element> kids = children(section);
            savedChildren.put(section, kids);
            long last = kids.isEmpty() ? 0 : Cib.seqOf(kids.get(kids.size() - 1));
            nextSeq.merge(section, last + 1, Math::max);
        }
    }

    private long allocate(Element section) {
        long seq = nextSeq.getOrDefault(section, 1L);
        nextSeq.put(section, seq + 1);
        return seq;
    }

    /** Numbers the children of sections that arrive with a node (a replaced configuration, status or section). */
    private void numberNewSections(Element arrived) {
        if (CibSections.isSection(arrived)) {
            savedChildren.putIfAbsent(arrived, List.of());
            long seq = 0;
            for (Element c : children(arrived)) {
                Cib.setSeq(c, ++seq);
            }
            nextSeq.put(arrived, seq + 1);
        } else if (CibSections.isConfiguration(arrived) || CibSections.isRoot(arrived)) {
            for (Element c : children(arrived)) {
                numberNewSections(c);
            }
        }
    }

    private void markDirty(Node n) {
        dirty = true;
        outsideStatusDirty |= !CibSections.inStatus(n);
        configDirty |= CibSections.inConfiguration(n);
    }

    private static boolean same(Element a, Element b) {
        return a == null ? b == null : b != null && a.isEqualNode(b);
    }

    static List<Element> children(Element parent) {
        List<Element> out = new ArrayList<>();
        for (Node c = parent.getFirstChild(); c != null; c = c.getNextSibling()) {
            if (c instanceof Element e) {
                out.add(e);
            }
        }
        return out;
    }

    private static Map<String, String> attributes(Element e) {
        Map<String, String> out = new LinkedHashMap<>();
        NamedNodeMap attrs = e.getAttributes();
        for (int i = 0; i < attrs.getLength(); i++) {
            Attr a = (Attr) attrs.item(i);
            out.put(a.getName(), a.getValue());
        }
        return out;
    }

    private static void restoreAttributes(Element e, Map<String, String> saved) {
        for (String name : attributes(e).keySet()) {
            if (!saved.containsKey(name)) {
                e.removeAttribute(name);
            }
        }
        saved.forEach(e::setAttribute);
    }
}
