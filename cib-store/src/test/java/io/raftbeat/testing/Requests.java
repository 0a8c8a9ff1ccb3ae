package io.raftbeat.testing;

import io.raftbeat.proto.v1.CibOperation;
import io.raftbeat.proto.v1.CibRequest;

/** CIB requests the component tests send. */
public final class Requests {
    private Requests() {}

    /** Creates a Dummy primitive {@code id} in the resources section. */
    public static CibRequest createPrimitive(String id) {
        return CibRequest.newBuilder()
                .setOperation(CibOperation.CIB_CREATE)
                .setScope("resources")
                .setXml("<primitive id=\"" + id + "\" class=\"ocf\" provider=\"heartbeat\" type=\"Dummy\"/>")
                .build();
    }

    /** Creates a location constraint {@code id} for resource {@code rsc}. */
    public static CibRequest createLocation(String id, String rsc) {
        return CibRequest.newBuilder()
                .setOperation(CibOperation.CIB_CREATE)
                .setScope("constraints")
                .setXml("<rsc_location id=\"" + id + "\" rsc=\"" + rsc + "\" node=\"node1\" score=\"100\"/>")
                .build();
    }

    public static CibRequest queryAll(boolean local) {
        return CibRequest.newBuilder()
                .setOperation(CibOperation.CIB_QUERY)
                .setLocal(local)
                .build();
    }
}
