package io.raftbeat.cib;

import io.raftbeat.proto.v1.CibRequest;

/**
 * Pacemaker's CIB operations (cibadmin's query, create, modify, replace, delete, delete-all, erase, bump) as
 * deterministic functions of the CIB and the request: they read no clock and do no I/O, so every Raft member
 * that applies the same request to the same CIB reaches the same CIB.
 */
public final class CibOperations {
    private CibOperations() {}

    /** Runs a query (whole CIB, a scope, or an XPath; optionally without children) and returns the XML. */
    public static String query(Cib cib, CibRequest request, CibOptions options) throws CibException {
        throw new UnsupportedOperationException("contract: implemented by the CIB model work");
    }

    /**
     * Runs a write. On success the CIB has changed, its version is bumped as Pacemaker does (configuration change:
     * epoch+1 and num_updates=0; other: num_updates+1), and the delta says what changed. On failure it throws and
     * the CIB is exactly as it was before.
     */
    public static CibDelta apply(Cib cib, CibRequest request, CibOptions options) throws CibException {
        throw new UnsupportedOperationException("contract: implemented by the CIB model work");
    }
}
