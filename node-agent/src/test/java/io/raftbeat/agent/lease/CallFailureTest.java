package io.raftbeat.agent.lease;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.grpc.Status;
import io.raftbeat.cib.CibError;
import io.raftbeat.server.GrpcErrors;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class CallFailureTest {
    @Test
    void aFollowersRefusalNamingTheLeaderIsARedirect() {
        CallFailure f = CallFailure.of(GrpcErrors.unavailable("not the leader", "127.0.0.1:7002"));
        assertEquals(CallFailure.Kind.REDIRECT, f.kind());
        assertEquals("127.0.0.1:7002", f.leaderAddress());
    }

    @Test
    void noLeaderOrNoAnswerIsWorthRetrying() {
        assertEquals(
                CallFailure.Kind.RETRY,
                CallFailure.of(GrpcErrors.unavailable("no leader", "")).kind());
        assertEquals(
                CallFailure.Kind.RETRY,
                CallFailure.of(Status.DEADLINE_EXCEEDED.asRuntimeException()).kind());
    }

    @Test
    void aRefusalOfTheRequestIsFinal() {
        CallFailure f =
                CallFailure.of(GrpcErrors.status(Status.Code.INVALID_ARGUMENT, "bad node name", CibError.USAGE, ""));
        assertEquals(CallFailure.Kind.REFUSED, f.kind());
        assertEquals("bad node name", f.message());
    }

    @Test
    void backoffDoublesUpToItsMaximumAndResets() {
        Backoff b = new Backoff(Duration.ofMillis(100), Duration.ofMillis(350));
        assertEquals(100, b.nextMillis());
        assertEquals(200, b.nextMillis());
        assertEquals(350, b.nextMillis());
        assertEquals(350, b.nextMillis());
        b.reset();
        assertEquals(100, b.nextMillis());
    }
}
