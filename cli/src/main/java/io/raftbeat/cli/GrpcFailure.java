package io.raftbeat.cli;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import io.raftbeat.proto.v1.ErrorDetail;

/**
 * What a failed call means for the client: try another member, follow the leader it names, or give up with the
 * member's own error. The member's {@link ErrorDetail} (a detail of the {@code google.rpc.Status}) carries
 * Pacemaker's exit code; a failure without one came from the transport, not from a member.
 */
record GrpcFailure(Kind kind, int exitCode, String message, String leaderAddress) {
    enum Kind {
        /** No connection: the member is down or not listening. */
        UNREACHABLE,
        /** The call ran past its deadline: the member did not answer in time. */
        NO_ANSWER,
        /** The member answered that it cannot serve this now (no leader, leader lost): another may. */
        RETRY,
        /** The member named the leader to ask instead. */
        REDIRECT,
        /** The member refused the request: a final answer. */
        REFUSED
    }

    static GrpcFailure of(StatusRuntimeException e) {
        Status status = e.getStatus();
        String description = status.getDescription() != null
                ? status.getDescription()
                : status.getCode().name();
        ErrorDetail detail = detail(e);
        if (detail == null) {
            // A client-side transport failure has a local cause (connection refused ...); a status relayed by a
            // member (its own call to a lost leader failed) has none: that member answered, and may succeed later.
            Kind unavailable = e.getCause() != null ? Kind.UNREACHABLE : Kind.RETRY;
            return switch (status.getCode()) {
                case UNAVAILABLE -> new GrpcFailure(unavailable, CliFailure.DISCONNECT, description, "");
                case CANCELLED -> new GrpcFailure(Kind.UNREACHABLE, CliFailure.DISCONNECT, description, "");
                case DEADLINE_EXCEEDED -> new GrpcFailure(Kind.NO_ANSWER, CliFailure.TIMEOUT, description, "");
                default -> new GrpcFailure(Kind.REFUSED, exitCodeFor(status.getCode()), description, "");
            };
        }
        int exitCode = detail.getExitCode() != 0 ? detail.getExitCode() : exitCodeFor(status.getCode());
        String leader = detail.getLeaderAddress();
        boolean notHere =
                switch (status.getCode()) {
                    case UNAVAILABLE, FAILED_PRECONDITION, ABORTED -> true;
                    default -> false;
                };
        if (notHere && !leader.isEmpty()) {
            return new GrpcFailure(Kind.REDIRECT, exitCode, description, leader);
        }
        return switch (status.getCode()) {
            case UNAVAILABLE -> new GrpcFailure(Kind.RETRY, exitCode, description, "");
            case DEADLINE_EXCEEDED -> new GrpcFailure(Kind.NO_ANSWER, CliFailure.TIMEOUT, description, "");
            default -> new GrpcFailure(Kind.REFUSED, exitCode, description, "");
        };
    }

    private static ErrorDetail detail(StatusRuntimeException e) {
        com.google.rpc.Status status = StatusProto.fromThrowable(e);
        if (status == null) {
            return null;
        }
        for (Any any : status.getDetailsList()) {
            if (any.is(ErrorDetail.class)) {
                try {
                    return any.unpack(ErrorDetail.class);
                } catch (InvalidProtocolBufferException ignored) {
                    return null;
                }
            }
        }
        return null;
    }

    /** Pacemaker's exit code for a gRPC status that came without an {@link ErrorDetail}. */
    static int exitCodeFor(Status.Code code) {
        return switch (code) {
            case INVALID_ARGUMENT -> 65; // CRM_EX_DATAERR
            case NOT_FOUND -> 105; // CRM_EX_NOSUCH
            case ALREADY_EXISTS -> 108; // CRM_EX_EXISTS
            case FAILED_PRECONDITION -> 103; // CRM_EX_OLD
            case PERMISSION_DENIED -> 77; // CRM_EX_INSUFFICIENT_PRIV
            case UNIMPLEMENTED -> 3; // CRM_EX_UNIMPLEMENT_FEATURE
            case UNAVAILABLE -> CliFailure.DISCONNECT;
            case DEADLINE_EXCEEDED -> CliFailure.TIMEOUT;
            case RESOURCE_EXHAUSTED -> 65;
            default -> 1; // CRM_EX_ERROR
        };
    }
}
