package io.raftbeat.cib;

import io.raftbeat.proto.v1.CibVersion;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The Cluster Information Base: Pacemaker's CIB XML document (configuration and status), mutable and owned by one
 * thread (the Raft apply thread in a store member, the CLI in CIB_file mode). Every change goes through
 * {@link CibOperations#apply}, which keeps it consistent and reports the change as a {@link CibDelta}.
 *
 * <p>Storage view: the document is a small skeleton (root and section elements) plus top-level elements, each
 * stored under its own {@link ElementKey}, so that a write costs in proportion to what it changes. Each top-level
 * element carries its key's sequence number (DOM user data): numbers follow document order within a section, an
 * appended element gets the section's next number and an element replaced in place keeps its own.
 */
public final class Cib {
    /** Ordered as RocksDB orders {@link ElementKey#toBytes()}: section name, then sequence number. */
    public static final Comparator<ElementKey> KEY_ORDER =
            Comparator.comparing(ElementKey::section).thenComparingLong(ElementKey::seq);

    private static final String SEQ = "raftbeat.seq";
    private static final String EMPTY = "<cib crm_feature_set=\"3.16.1\" validate-with=\"pacemaker-3.9\" epoch=\"1\""
            + " num_updates=\"0\" admin_epoch=\"0\"><configuration><crm_config>"
            + "<cluster_property_set id=\"cib-bootstrap-options\">"
            + "<nvpair id=\"cib-bootstrap-options-cluster-infrastructure\" name=\"cluster-infrastructure\""
            + " value=\"raftbeat\"/></cluster_property_set></crm_config><nodes/><resources/><constraints/>"
            + "</configuration><status/></cib>";

    private final Document doc;

    private Cib(Document doc) {
        this.doc = doc;
    }

    /**
     * A fresh cluster's CIB: what Pacemaker's {@code cibadmin --empty} prints (pacemaker-3.9, epoch 1), plus the
     * {@code cluster-infrastructure=raftbeat} option. Deterministic: every member builds the same one.
     */
    public static Cib empty() {
        try {
            return parse(EMPTY, CibOptions.defaults());
        } catch (CibException e) {
            throw new IllegalStateException("built-in empty CIB does not parse", e);
        }
    }

    /** Parses a whole CIB, refusing DOCTYPE, entities, deep nesting and documents over the size limit. */
    public static Cib parse(String xml, CibOptions options) throws CibException {
        Document doc = SafeXml.parse(xml, options.maxXmlBytes());
        Element root = doc.getDocumentElement();
        if (!root.getTagName().equals(CibSections.CIB)) {
            throw new CibException(
                    CibError.DATAERR, "XML rejected: the root element is <" + root.getTagName() + ">, not <cib>");
        }
        Cib cib = new Cib(doc);
        cib.numberAll();
        return cib;
    }

    /** Rebuilds a CIB from what {@link #skeleton()} and {@link #parts()} (or the deltas) stored. */
    public static Cib fromParts(byte[] skeleton, Map<ElementKey, byte[]> elementsInKeyOrder) {
        try {
            Document doc = SafeXml.parse(new String(skeleton, StandardCharsets.UTF_8), Integer.MAX_VALUE);
            Map<ElementKey, byte[]> sorted = new TreeMap<>(KEY_ORDER);
            sorted.putAll(elementsInKeyOrder);
            for (Map.Entry<ElementKey, byte[]> part : sorted.entrySet()) {
                ElementKey key = part.getKey();
                Element section = sectionNamed(doc, key.section());
                if (section == null) {
                    throw new IllegalStateException("stored CIB element " + key + " has no section in the skeleton");
                }
                Document one = SafeXml.parse(new String(part.getValue(), StandardCharsets.UTF_8), Integer.MAX_VALUE);
                Element e = (Element) doc.importNode(one.getDocumentElement(), true);
                setSeq(e, key.seq());
                section.appendChild(e);
            }
            return new Cib(doc);
        } catch (CibException e) {
            throw new IllegalStateException("stored CIB does not parse: " + e.getMessage(), e);
        }
    }

    /** The root and section elements with their attributes, without the sections' children. */
    public byte[] skeleton() {
        Document out = SafeXml.newDocument();
        out.appendChild(skeletonCopy(out, doc.getDocumentElement()));
        return XmlWriter.compact(out.getDocumentElement()).getBytes(StandardCharsets.UTF_8);
    }

    /** Every top-level element under its key, in key order (for a full rewrite such as a snapshot). */
    public Map<ElementKey, byte[]> parts() {
        Map<ElementKey, byte[]> parts = new TreeMap<>(KEY_ORDER);
        for (Element section : sections()) {
            for (Node c = section.getFirstChild(); c != null; c = c.getNextSibling()) {
                if (c instanceof Element e) {
                    parts.put(
                            new ElementKey(section.getTagName(), seqOf(e)),
                            XmlWriter.compact(e).getBytes(StandardCharsets.UTF_8));
                }
            }
        }
        return parts;
    }

    public CibVersion version() {
        Element root = doc.getDocumentElement();
        return CibVersion.newBuilder()
                .setAdminEpoch(number(root, "admin_epoch"))
                .setEpoch(number(root, "epoch"))
                .setNumUpdates(number(root, "num_updates"))
                .build();
    }

    /** The whole document as XML text, indented as Pacemaker prints it. */
    /** The schema this CIB validates against: validate-with, or Pacemaker's newest when unset. */
    public String schemaName() {
        return CibCommit.schemaOf(document().getDocumentElement());
    }

    public String toXml() {
        return XmlWriter.pretty(doc.getDocumentElement());
    }

    /** The live document, for reading only. */
    public Document document() {
        return doc;
    }

    /**
     * What the schema needs to see of a change: the skeleton with, in each section, only {@code units} (in document
     * order). A section left empty that is not empty in the CIB keeps its first child, so that a "one or more"
     * content model still holds.
     */
    Document structureOf(Collection<Element> units) {
        Map<Element, List<Element>> bySection = new IdentityHashMap<>();
        for (Element unit : units) {
            if (unit.getParentNode() instanceof Element section && CibSections.isSection(section)) {
                bySection.computeIfAbsent(section, s -> new ArrayList<>()).add(unit);
            }
        }
        Document out = SafeXml.newDocument();
        Element root = skeletonCopy(out, doc.getDocumentElement());
        out.appendChild(root);
        Iterator<Element> copies = sectionsOf(root).iterator();
        for (Element section : sections()) {
            Element copy = copies.next();
            List<Element> included = bySection.getOrDefault(section, new ArrayList<>());
            if (included.isEmpty() && firstChild(section) != null) {
                included.add(firstChild(section));
            }
            included.sort(Comparator.comparingLong(Cib::seqOf));
            for (Element e : included) {
                copy.appendChild(out.importNode(e, true));
            }
        }
        return out;
    }

    private static Element firstChild(Element parent) {
        for (Node c = parent.getFirstChild(); c != null; c = c.getNextSibling()) {
            if (c instanceof Element e) {
                return e;
            }
        }
        return null;
    }

    /** The sections in document order: configuration's children, then status. */
    List<Element> sections() {
        return sectionsOf(doc.getDocumentElement());
    }

    private static List<Element> sectionsOf(Element root) {
        List<Element> out = new ArrayList<>();
        for (Node c = root.getFirstChild(); c != null; c = c.getNextSibling()) {
            if (CibSections.isConfiguration(c)) {
                for (Node s = c.getFirstChild(); s != null; s = s.getNextSibling()) {
                    if (s instanceof Element e) {
                        out.add(e);
                    }
                }
            } else if (CibSections.isSection(c)) {
                out.add((Element) c);
            }
        }
        return out;
    }

    static long seqOf(Element e) {
        Object seq = e.getUserData(SEQ);
        return seq == null ? 0 : (Long) seq;
    }

    static void setSeq(Element e, long seq) {
        e.setUserData(SEQ, seq, null);
    }

    static long number(Element e, String attr) {
        String v = e.getAttribute(attr);
        try {
            return v.isEmpty() ? 0 : Long.parseLong(v.trim());
        } catch (NumberFormatException ex) {
            return 0;
        }
    }

    private void numberAll() {
        for (Element section : sections()) {
            long seq = 0;
            for (Node c = section.getFirstChild(); c != null; c = c.getNextSibling()) {
                setSeq((Element) c, ++seq);
            }
        }
    }

    private static Element sectionNamed(Document doc, String name) {
        Element root = doc.getDocumentElement();
        if (name.equals(CibSections.STATUS)) {
            return CibSections.child(root, CibSections.STATUS);
        }
        Element config = CibSections.child(root, CibSections.CONFIGURATION);
        return config == null ? null : CibSections.child(config, name);
    }

    private static Element skeletonCopy(Document out, Element e) {
        Element copy = (Element) out.importNode(e, false);
        if (CibSections.isSection(e)) {
            return copy;
        }
        for (Node c = e.getFirstChild(); c != null; c = c.getNextSibling()) {
            if (c instanceof Element child) {
                copy.appendChild(skeletonCopy(out, child));
            }
        }
        return copy;
    }
}
