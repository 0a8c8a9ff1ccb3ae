package io.raftbeat.cib;

import io.raftbeat.proto.v1.CibRequest;
import io.raftbeat.proto.v1.CibVersion;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Pacemaker's CIB operations (cibadmin's query, create, modify, replace, delete, delete-all, erase, bump) as
 * deterministic functions of the CIB and the request: they read no clock and do no I/O (beyond reading the schema
 * files, which are fixed), so every Raft member that applies the same request to the same CIB reaches the same CIB.
 * Semantics, exit codes and version bumps follow Pacemaker 2.1.5's {@code cib_ops.c} and {@code cib_perform_op},
 * checked against its {@code cibadmin} in the differential test. Called by the thread that owns the {@link Cib}.
 */
public final class CibOperations {
    static final String UNSAFE_MESSAGE = "The supplied command is considered dangerous. To prevent accidental"
            + " destruction of the cluster, the --force flag is required in order to proceed.";

    private CibOperations() {}

    /** Runs a query (whole CIB, a scope, or an XPath; optionally without children) and returns the XML. */
    public static String query(Cib cib, CibRequest request, CibOptions options) throws CibException {
        CibSections.requireKnownScope(request.getScope());
        return CibQuery.run(cib.document(), request);
    }

    /**
     * Runs a write. On success the CIB has changed, its version is bumped as Pacemaker does (configuration change:
     * epoch+1 and num_updates=0; other: num_updates+1; no change: no bump), and the delta says what changed. On
     * failure it throws and the CIB is exactly as it was before.
     */
    public static CibDelta apply(Cib cib, CibRequest request, CibOptions options) throws CibException {
        CibSections.requireKnownScope(request.getScope());
        Element input = input(cib.document(), request, options);
        return transact(cib, options, request.getOperation().toString(), tx -> run(tx, request, input));
    }

    /** One mutation of the CIB inside a transaction. */
    @FunctionalInterface
    interface Mutation {
        void run(CibTransaction tx) throws CibException;
    }

    /**
     * Runs {@code mutation} as one operation: on success the version is bumped and the delta returned, on any
     * failure the CIB is rolled back to exactly what it was ({@code what} names the operation in the error).
     */
    static CibDelta transact(Cib cib, CibOptions options, String what, Mutation mutation) throws CibException {
        CibVersion before = cib.version();
        CibTransaction tx = new CibTransaction(cib);
        try {
            tx.ensureStatus();
            mutation.run(tx);
            return CibCommit.finish(cib, tx, options, before);
        } catch (CibException e) {
            tx.rollback();
            throw e;
        } catch (RuntimeException e) {
            tx.rollback();
            throw new CibException(
                    CibError.SOFTWARE, "Internal error in " + what + ": " + SafeXml.oneLine(String.valueOf(e)));
        }
    }

    private static void run(CibTransaction tx, CibRequest r, Element input) throws CibException {
        boolean byXPath = !r.getXpath().isEmpty();
        switch (r.getOperation()) {
            case CIB_CREATE -> CibWrites.create(tx, byXPath ? r.getXpath() : r.getScope(), input);
            case CIB_MODIFY -> {
                if (byXPath) {
                    CibXPath.modify(tx, r.getXpath(), input);
                } else {
                    CibWrites.modify(tx, r.getScope(), input, r.getAllowCreate());
                }
            }
            case CIB_REPLACE -> {
                if (byXPath) {
                    CibXPath.replace(tx, r.getXpath(), input);
                } else {
                    CibWrites.replace(tx, r.getScope(), input);
                }
            }
            case CIB_DELETE -> {
                if (byXPath) {
                    CibXPath.delete(tx, r.getXpath(), false);
                } else {
                    CibWrites.delete(tx, r.getScope(), input);
                }
            }
            case CIB_DELETE_ALL -> {
                requireForce(r);
                if (!byXPath) {
                    throw new CibException(CibError.SOFTWARE, "Invalid argument: delete-all needs an XPath (-A)");
                }
                CibXPath.delete(tx, r.getXpath(), true);
            }
            case CIB_ERASE -> {
                requireForce(r);
                CibWrites.erase(tx);
            }
            case CIB_BUMP -> CibWrites.bump(tx);
            case CIB_QUERY -> throw new CibException(CibError.USAGE, "A query is not a write: use query()");
            default -> throw new CibException(CibError.USAGE, "No CIB operation given");
        }
    }

    private static void requireForce(CibRequest r) throws CibException {
        if (!r.getForce()) {
            throw new CibException(CibError.UNSAFE, UNSAFE_MESSAGE);
        }
    }

    /** The request's XML, parsed safely and imported (detached) into the CIB's document; null when there is none. */
    private static Element input(Document doc, CibRequest r, CibOptions options) throws CibException {
        if (r.getXml().isEmpty()) {
            return null;
        }
        Document parsed = SafeXml.parse(r.getXml(), options.maxXmlBytes());
        return (Element) doc.importNode(parsed.getDocumentElement(), true);
    }
}
