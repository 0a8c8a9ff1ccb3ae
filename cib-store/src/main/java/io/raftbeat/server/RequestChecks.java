package io.raftbeat.server;

import io.grpc.stub.StreamObserver;
import io.raftbeat.cib.CibException;

/** A request's input checks, run before anything is proposed: a refusal answers the call with its exit code. */
final class RequestChecks {
    private RequestChecks() {}

    @FunctionalInterface
    interface Check {
        void run() throws CibException;
    }

    /** True when {@code check} passes; otherwise the call is answered with the refusal. */
    static boolean valid(Check check, StreamObserver<?> out) {
        try {
            check.run();
            return true;
        } catch (CibException e) {
            out.onError(GrpcErrors.of(e, ""));
            return false;
        }
    }
}
