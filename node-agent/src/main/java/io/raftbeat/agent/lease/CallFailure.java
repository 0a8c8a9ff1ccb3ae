package io.raftbeat.agent.lease;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import io.raftbeat.proto.v1.ErrorDetail;

/**
 * What a failed call to a member means for the agent: ask the leader it names, ask another member, or take the
 * refusal as final. Members carry the leader's address in the {@link ErrorDetail} of an UNAVAILABLE status, as the
 * store's {@code GrpcErrors.unavailable} writes it; {@code fromMember} when a member answered itself (its ErrorDetail
 * is there), as opposed to a transport failure or a deadline.
 */
public record CallFailure(Kind kind, Status.Code code, String message, String leaderAddress, boolean fromMember) {
    public enum Kind {
        /** The member named the leader: ask it. */
        REDIRECT,
        /** Down, silent, or without a leader: another member (or this one later) may answer. */
        RETRY,
        /** The member refused the request itself: asking elsewhere gives the same answer. */
        REFUSED
    }

    public static CallFailure of(StatusRuntimeException e) {
        Status status = e.getStatus();
        String message = status.getDescription() != null
                ? status.getDescription()
                : status.getCode().name();
        ErrorDetail detail = detailOf(e);
        String leader = detail == null ? "" : detail.getLeaderAddress();
        if (!leader.isEmpty() && status.getCode() == Status.Code.UNAVAILABLE) {
            return new CallFailure(Kind.REDIRECT, status.getCode(), message, leader, true);
        }
        Kind kind =
                switch (status.getCode()) {
                    case UNAVAILABLE, DEADLINE_EXCEEDED, CANCELLED, UNKNOWN, ABORTED, RESOURCE_EXHAUSTED, INTERNAL ->
                        Kind.RETRY;
                    default -> Kind.REFUSED;
                };
        return new CallFailure(kind, status.getCode(), message, "", detail != null);
    }

    /** The member's own ErrorDetail, or null when the failure did not come from a member (transport, deadline). */
    private static ErrorDetail detailOf(StatusRuntimeException e) {
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

    @Override
    public String toString() {
        return code + ": " + message;
    }
}
