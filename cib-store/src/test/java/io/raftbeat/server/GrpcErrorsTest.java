package io.raftbeat.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.raftbeat.cib.CibError;
import io.raftbeat.cib.CibException;
import io.raftbeat.proto.v1.ErrorDetail;
import io.raftbeat.raft.RaftUnavailableException;
import io.raftbeat.watch.CompactedRevisionException;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class GrpcErrorsTest {
    private static void assertMapped(CibError error, Status.Code code) {
        StatusRuntimeException e = GrpcErrors.of(new CompletionException(new CibException(error, "msg")), "");
        assertEquals(code, e.getStatus().getCode(), error.name());
        ErrorDetail d = GrpcErrors.detailOf(e);
        assertEquals(error.exitCode(), d.getExitCode());
        assertEquals(error.pacemakerName(), d.getName());
        assertEquals("msg", e.getStatus().getDescription());
    }

    @Test
    void cibErrorsMapToFittingCodesAndKeepTheExitCode() {
        assertMapped(CibError.NOSUCH, Status.Code.NOT_FOUND);
        assertMapped(CibError.EXISTS, Status.Code.ALREADY_EXISTS);
        assertMapped(CibError.OLD, Status.Code.FAILED_PRECONDITION);
        assertMapped(CibError.CONFIG, Status.Code.FAILED_PRECONDITION);
        assertMapped(CibError.DATAERR, Status.Code.INVALID_ARGUMENT);
        assertMapped(CibError.USAGE, Status.Code.INVALID_ARGUMENT);
        assertMapped(CibError.DISCONNECT, Status.Code.UNAVAILABLE);
        assertMapped(CibError.TIMEOUT, Status.Code.DEADLINE_EXCEEDED);
    }

    @Test
    void notLeaderIsUnavailableWithExit102AndTheLeaderAddress() {
        StatusRuntimeException e = GrpcErrors.of(new RaftUnavailableException("not the leader"), "10.0.0.1:7001");
        assertEquals(Status.Code.UNAVAILABLE, e.getStatus().getCode());
        ErrorDetail d = GrpcErrors.detailOf(e);
        assertEquals(102, d.getExitCode());
        assertEquals("10.0.0.1:7001", d.getLeaderAddress());
    }

    @Test
    void compactedRevisionIsFailedPreconditionNamingTheOldest() {
        StatusRuntimeException e = GrpcErrors.of(new CompactedRevisionException(3, 40), "");
        assertEquals(Status.Code.FAILED_PRECONDITION, e.getStatus().getCode());
        assertEquals(true, e.getStatus().getDescription().contains("oldest retained revision is 40"));
    }

    @Test
    void aMemberThatDoesNotAnswerGetsExit102() {
        StatusRuntimeException raw =
                Status.UNAVAILABLE.withDescription("io exception").asRuntimeException();
        StatusRuntimeException e = GrpcErrors.of(raw, "127.0.0.1:7002");
        assertEquals(Status.Code.UNAVAILABLE, e.getStatus().getCode());
        assertEquals(102, GrpcErrors.detailOf(e).getExitCode());
        StatusRuntimeException slow = GrpcErrors.of(Status.DEADLINE_EXCEEDED.asRuntimeException(), "");
        assertEquals(124, GrpcErrors.detailOf(slow).getExitCode());
    }
}
