package io.raftbeat.server;

import com.google.protobuf.Any;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import io.raftbeat.cib.CibError;
import io.raftbeat.cib.CibException;
import io.raftbeat.proto.v1.ErrorDetail;
import io.raftbeat.raft.RaftUnavailableException;
import io.raftbeat.watch.CompactedRevisionException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Turns a failure into a gRPC status carrying an {@link ErrorDetail} with Pacemaker's exit code, so that the CLI
 * exits as Pacemaker's tools do.
 */
public final class GrpcErrors {
    private GrpcErrors() {}

    /** {@code leaderAddress}: the leader's gRPC address when known (for UNAVAILABLE), else empty. */
    public static StatusRuntimeException of(Throwable t, String leaderAddress) {
        Throwable e = t;
        while ((e instanceof CompletionException || e instanceof ExecutionException) && e.getCause() != null) {
            e = e.getCause();
        }
        if (e instanceof StatusRuntimeException sre) {
            return detailOf(sre) != null ? sre : withDetail(sre, leaderAddress);
        }
        if (e instanceof CibException ce) {
            return status(codeFor(ce.error()), ce.getMessage(), ce.error(), "");
        }
        if (e instanceof CompactedRevisionException ce) {
            return status(Status.Code.FAILED_PRECONDITION, ce.getMessage(), CibError.OLD, "");
        }
        if (e instanceof RaftUnavailableException) {
            return unavailable(e.getMessage(), leaderAddress);
        }
        if (e instanceof org.rocksdb.RocksDBException) {
            return status(Status.Code.UNAVAILABLE, "state DB error: " + e.getMessage(), CibError.IOERR, "");
        }
        return status(Status.Code.INTERNAL, "internal error: " + e, CibError.SOFTWARE, "");
    }

    /** A failure of a call to another member (no detail of ours): keep its code, add the exit code it means. */
    private static StatusRuntimeException withDetail(StatusRuntimeException e, String leaderAddress) {
        Status.Code code = e.getStatus().getCode();
        String what = leaderAddress.isEmpty() ? "member" : "leader " + leaderAddress;
        String message = what + " did not answer: " + code
                + (e.getStatus().getDescription() == null
                        ? ""
                        : " " + e.getStatus().getDescription());
        CibError error =
                switch (code) {
                    case DEADLINE_EXCEEDED -> CibError.TIMEOUT;
                    case UNAVAILABLE, CANCELLED, UNKNOWN -> CibError.DISCONNECT;
                    default -> CibError.ERROR;
                };
        Status.Code mapped =
                code == Status.Code.CANCELLED || code == Status.Code.UNKNOWN ? Status.Code.UNAVAILABLE : code;
        return status(mapped, message, error, leaderAddress);
    }

    public static StatusRuntimeException unavailable(String message, String leaderAddress) {
        String text = leaderAddress.isEmpty() ? message : message + " (leader: " + leaderAddress + ")";
        return status(Status.Code.UNAVAILABLE, text, CibError.DISCONNECT, leaderAddress);
    }

    public static StatusRuntimeException usage(String message) {
        return status(Status.Code.INVALID_ARGUMENT, message, CibError.USAGE, "");
    }

    public static StatusRuntimeException status(Status.Code code, String message, CibError error, String leader) {
        ErrorDetail detail = ErrorDetail.newBuilder()
                .setExitCode(error.exitCode())
                .setName(error.pacemakerName())
                .setLeaderAddress(leader)
                .build();
        return StatusProto.toStatusRuntimeException(com.google.rpc.Status.newBuilder()
                .setCode(code.value())
                .setMessage(message)
                .addDetails(Any.pack(detail))
                .build());
    }

    static Status.Code codeFor(CibError error) {
        return switch (error) {
            case NOSUCH -> Status.Code.NOT_FOUND;
            case EXISTS -> Status.Code.ALREADY_EXISTS;
            case OLD, CONFIG, UNSAFE, QUORUM, MULTIPLE, DIGEST -> Status.Code.FAILED_PRECONDITION;
            case DATAERR, USAGE, INVALID_PARAM, NOINPUT -> Status.Code.INVALID_ARGUMENT;
            case DISCONNECT, UNAVAILABLE, TEMPFAIL -> Status.Code.UNAVAILABLE;
            case TIMEOUT -> Status.Code.DEADLINE_EXCEEDED;
            case NOPERM -> Status.Code.PERMISSION_DENIED;
            case UNIMPLEMENT_FEATURE -> Status.Code.UNIMPLEMENTED;
            default -> Status.Code.INTERNAL;
        };
    }

    /** Reads the ErrorDetail of a failed call, or null (for clients and tests). */
    public static ErrorDetail detailOf(Throwable t) {
        com.google.rpc.Status s = StatusProto.fromThrowable(t);
        if (s == null) {
            return null;
        }
        for (Any any : s.getDetailsList()) {
            if (any.is(ErrorDetail.class)) {
                try {
                    return any.unpack(ErrorDetail.class);
                } catch (com.google.protobuf.InvalidProtocolBufferException e) {
                    return null;
                }
            }
        }
        return null;
    }
}
