package io.raftbeat.cib;

import io.raftbeat.proto.v1.CibVersion;
import io.raftbeat.schema.JingSchemaValidator;
import io.raftbeat.schema.SchemaException;
import io.raftbeat.schema.SchemaValidator;
import org.w3c.dom.Element;

/**
 * The end of every write, as Pacemaker's {@code cib_perform_op} does it after the operation ran: expand leftover
 * {@code ++} values, refuse a newer feature set or a version that went backwards, bump the version (configuration
 * changed: epoch+1 and num_updates=0; anything else changed: num_updates+1; nothing changed: no bump), validate
 * against the schema, and report the delta. Throws without undoing: the caller rolls the transaction back.
 */
final class CibCommit {
    /** The feature set of Pacemaker 2.1.5, whose CIB semantics this model follows. */
    static final String FEATURE_SET = "3.16.1";

    private CibCommit() {}

    static CibDelta finish(Cib cib, CibTransaction tx, CibOptions options, CibVersion before) throws CibException {
        CibChangeSet changes = CibChangeSet.collect(cib, tx);
        Element root = cib.document().getDocumentElement();
        if (tx.dirty()) {
            for (Element e : tx.touchedUnits()) {
                XmlMerge.fixPlusPlus(e);
            }
            for (Element e : changes.putElements()) {
                XmlMerge.fixPlusPlus(e);
            }
            fixSkeleton(cib);
            for (Element e : changes.putElements()) {
                checkDepth(e);
            }
            checkFeatureSet(root);
            checkNotOlder(root, before);
            bump(tx, root);
            if (options.validate() && tx.outsideStatusDirty()) {
                validate(cib, tx, changes, options);
            }
        }
        // Unchanged content can still have moved keys (an identical section replaced): store them, report nothing.
        return changes.toDelta(cib, tx.dirty());
    }

    private static void fixSkeleton(Cib cib) {
        Element root = cib.document().getDocumentElement();
        fixAttributes(root);
        Element config = CibSections.child(root, CibSections.CONFIGURATION);
        if (config != null) {
            fixAttributes(config);
        }
        for (Element s : cib.sections()) {
            fixAttributes(s);
        }
    }

    private static void fixAttributes(Element e) {
        Element shallow = (Element) e.cloneNode(false);
        XmlMerge.fixPlusPlus(shallow);
        for (int i = 0; i < shallow.getAttributes().getLength(); i++) {
            var a = shallow.getAttributes().item(i);
            if (!a.getNodeValue().equals(e.getAttribute(a.getNodeName()))) {
                e.setAttribute(a.getNodeName(), a.getNodeValue());
            }
        }
    }

    /** A merge can nest a request below an existing element: keep every stored element parseable again. */
    private static void checkDepth(Element top) throws CibException {
        int above = 0;
        for (org.w3c.dom.Node p = top.getParentNode(); p instanceof Element; p = p.getParentNode()) {
            above++;
        }
        if (above + depth(top) > SafeXml.MAX_DEPTH) {
            throw new CibException(
                    CibError.DATAERR,
                    "XML rejected: the update would nest elements deeper than " + SafeXml.MAX_DEPTH + " levels");
        }
    }

    private static int depth(Element e) {
        int deepest = 0;
        for (org.w3c.dom.Node c = e.getFirstChild(); c != null; c = c.getNextSibling()) {
            if (c instanceof Element child) {
                deepest = Math.max(deepest, depth(child));
            }
        }
        return deepest + 1;
    }

    private static void checkFeatureSet(Element root) throws CibException {
        String set = root.getAttribute("crm_feature_set");
        if (!set.isEmpty() && compareVersions(set, FEATURE_SET) > 0) {
            throw new CibException(
                    CibError.PROTOCOL,
                    "Protocol not supported: feature set '" + set + "' is greater than ours ('" + FEATURE_SET + "')");
        }
    }

    private static void checkNotOlder(Element root, CibVersion before) throws CibException {
        long admin = Cib.number(root, "admin_epoch");
        long epoch = Cib.number(root, "epoch");
        if (admin < before.getAdminEpoch()) {
            throw older("admin_epoch went backwards: " + before.getAdminEpoch() + " -> " + admin);
        }
        if (admin == before.getAdminEpoch() && epoch < before.getEpoch()) {
            throw older("epoch went backwards: " + before.getEpoch() + " -> " + epoch);
        }
    }

    static CibException older(String detail) {
        return new CibException(CibError.OLD, "Update was older than existing configuration: " + detail);
    }

    private static void bump(CibTransaction tx, Element root) {
        if (tx.configDirty()) {
            root.setAttribute("num_updates", "0");
            root.setAttribute("epoch", Long.toString(Cib.number(root, "epoch") + 1));
        } else {
            root.setAttribute("num_updates", Long.toString(Cib.number(root, "num_updates") + 1));
        }
    }

    static String schemaOf(Element root) {
        return root.hasAttribute("validate-with") ? root.getAttribute("validate-with") : "pacemaker-3.9";
    }

    /**
     * Validates as Pacemaker does, but at the cost of the change: the CIB was valid before, and every section's
     * content model is a repetition, so the skeleton plus the elements this change put stand for the whole
     * document. A changed (or newly enforced) validate-with checks everything. ID/IDREF rules span the document.
     */
    private static void validate(Cib cib, CibTransaction tx, CibChangeSet changes, CibOptions options)
            throws CibException {
        Element root = cib.document().getDocumentElement();
        String schema = schemaOf(root);
        if (schema.equals("none")) {
            return;
        }
        try {
            SchemaValidator validator = JingSchemaValidator.forDirectory(options.schemaDir());
            boolean whole = !schema.equals(tx.originalSchema());
            validator.validate(cib.document(), whole ? cib.document() : cib.structureOf(changes.putElements()), schema);
        } catch (SchemaException e) {
            String prefix = e.kind() == SchemaException.Kind.INVALID
                    ? "Update does not conform to the configured schema: "
                    : "Update does not conform to the configured schema: cannot validate against " + schema + ": ";
            throw new CibException(CibError.CONFIG, prefix + e.getMessage());
        }
    }

    /** Pacemaker's {@code compare_version}: dotted numbers compared field by field. */
    static int compareVersions(String a, String b) {
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            long u = i < x.length ? parse(x[i]) : 0;
            long v = i < y.length ? parse(y[i]) : 0;
            if (u != v) {
                return Long.compare(u, v);
            }
        }
        return 0;
    }

    private static long parse(String s) {
        try {
            return Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
