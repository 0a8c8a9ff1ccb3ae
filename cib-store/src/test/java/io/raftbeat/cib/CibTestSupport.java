package io.raftbeat.cib;

import io.raftbeat.proto.v1.CibOperation;
import io.raftbeat.proto.v1.CibRequest;

/** Builds requests and runs them against a CIB for the tests. */
final class CibTestSupport {
    static final CibOptions OPTIONS = CibOptions.defaults();

    private CibTestSupport() {}

    static CibRequest.Builder req(CibOperation op) {
        return CibRequest.newBuilder().setOperation(op);
    }

    static CibDelta create(Cib cib, String scope, String xml) throws CibException {
        return CibOperations.apply(
                cib, req(CibOperation.CIB_CREATE).setScope(scope).setXml(xml).build(), OPTIONS);
    }

    static CibDelta modify(Cib cib, String scope, String xml) throws CibException {
        return CibOperations.apply(
                cib, req(CibOperation.CIB_MODIFY).setScope(scope).setXml(xml).build(), OPTIONS);
    }

    static String query(Cib cib, String scope) throws CibException {
        return CibOperations.query(
                cib, req(CibOperation.CIB_QUERY).setScope(scope).build(), OPTIONS);
    }

    static String queryXPath(Cib cib, String xpath) throws CibException {
        return CibOperations.query(
                cib, req(CibOperation.CIB_QUERY).setXpath(xpath).build(), OPTIONS);
    }

    static String version(Cib cib) {
        var v = cib.version();
        return v.getAdminEpoch() + "." + v.getEpoch() + "." + v.getNumUpdates();
    }

    static String primitive(String id) {
        return "<primitive id=\"" + id + "\" class=\"ocf\" provider=\"heartbeat\" type=\"Dummy\"/>";
    }
}
