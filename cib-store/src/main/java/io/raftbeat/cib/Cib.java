package io.raftbeat.cib;

import io.raftbeat.proto.v1.CibVersion;
import java.util.Map;
import org.w3c.dom.Document;

/**
 * The Cluster Information Base: Pacemaker's CIB XML document (configuration and status), mutable and owned by one
 * thread (the Raft apply thread in a store member, the CLI in CIB_file mode). Every change goes through
 * {@link CibOperations#apply}, which keeps it consistent and reports the change as a {@link CibDelta}.
 *
 * <p>Storage view: the document is a small skeleton (root and section elements) plus top-level elements, each
 * stored under its own {@link ElementKey}, so that a write costs in proportion to what it changes.
 */
public final class Cib {
    /** A fresh cluster's CIB: epoch 0, default sections, validate-with the newest installed pacemaker-3.x schema. */
    public static Cib empty() {
        throw new UnsupportedOperationException("contract: implemented by the CIB model work");
    }

    /** Parses a whole CIB, refusing DOCTYPE, entities and documents over the size limit. */
    public static Cib parse(String xml, CibOptions options) throws CibException {
        throw new UnsupportedOperationException("contract: implemented by the CIB model work");
    }

    /** Rebuilds a CIB from what {@link #skeleton()} and {@link #parts()} (or the deltas) stored. */
    public static Cib fromParts(byte[] skeleton, Map<ElementKey, byte[]> elementsInKeyOrder) {
        throw new UnsupportedOperationException("contract: implemented by the CIB model work");
    }

    /** The root and section elements with their attributes, without the sections' children. */
    public byte[] skeleton() {
        throw new UnsupportedOperationException("contract: implemented by the CIB model work");
    }

    /** Every top-level element under its key, in key order (for a full rewrite such as a snapshot). */
    public Map<ElementKey, byte[]> parts() {
        throw new UnsupportedOperationException("contract: implemented by the CIB model work");
    }

    public CibVersion version() {
        throw new UnsupportedOperationException("contract: implemented by the CIB model work");
    }

    /** The whole document as XML text. */
    public String toXml() {
        throw new UnsupportedOperationException("contract: implemented by the CIB model work");
    }

    /** The live document, for reading only. */
    public Document document() {
        throw new UnsupportedOperationException("contract: implemented by the CIB model work");
    }
}
