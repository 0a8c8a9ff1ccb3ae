package io.raftbeat.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.raftbeat.proto.v1.FenceOperation;
import io.raftbeat.proto.v1.FenceState;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The fence history lines of stonith_admin -H and crm_mon, in Pacemaker 2.1.5's words, from FenceOperation protos. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class FenceHistoryTextTest {
    static final long T0 = Instant.parse("2024-03-01T10:00:00Z").toEpochMilli();
    private final FenceHistoryText utc = new FenceHistoryText(ZoneOffset.UTC);

    static FenceOperation op(String target, FenceState state, long requested, long completed) {
        return FenceOperation.newBuilder()
                .setId(target + ":" + requested)
                .setTarget(target)
                .setAction("reboot")
                .setOrigin("stonith_admin.42 on node1")
                .setState(state)
                .setRequestedMs(requested)
                .setCompletedMs(completed)
                .setDelegate(state == FenceState.FENCE_PENDING ? "" : "node3")
                .build();
    }

    @Test
    void aSuccessInStonithAdminsTechnicalForm() {
        FenceOperation done = op("node2", FenceState.FENCE_DONE, T0, T0 + 5000);
        assertEquals(
                "reboot of node2 successful: delegate=node3, client=stonith_admin.42, origin=node1,"
                        + " last-successful='2024-03-01 10:00:05Z'",
                utc.describe(done, false, null, true));
        assertEquals(
                "reboot of node2 successful: delegate=node3, client=stonith_admin.42, origin=node1,"
                        + " completed='2024-03-01 10:00:05Z'",
                utc.describe(done, true, null, true));
    }

    @Test
    void aFailureNamesItsReasonAndALaterSuccess() {
        FenceOperation failed = op("node2", FenceState.FENCE_FAILED, T0, T0 + 1000).toBuilder()
                .setDetail("fence_dummy returned 1")
                .build();
        assertEquals(
                "reboot of node2 failed (fence_dummy returned 1): delegate=node3, client=stonith_admin.42,"
                        + " origin=node1, last-failed='2024-03-01 10:00:01Z' (a later attempt from node4 succeeded)",
                utc.describe(failed, false, "node4", true));
        assertEquals(
                "reboot of node2 by node3 for stonith_admin.42@node1 last failed (fence_dummy returned 1)"
                        + " at 2024-03-01 10:00:01Z",
                utc.describe(failed, false, null, false));
    }

    @Test
    void aPendingOperationHasNoDelegateNorTime() {
        FenceOperation pending = op("node2", FenceState.FENCE_PENDING, T0, 0).toBuilder()
                .setOrigin("scheduler")
                .setAction("off")
                .build();
        assertEquals("off of node2 pending: client=scheduler, origin=leader", utc.describe(pending, true, null, true));
        assertEquals("off of node2 for scheduler@leader pending", utc.describe(pending, true, null, false));
    }

    @Test
    void timesCarryTheirZoneOffset() {
        FenceHistoryText paris = new FenceHistoryText(ZoneId.of("Europe/Paris"));
        assertEquals("2024-03-01 11:00:00 +01:00", paris.time(T0));
        assertEquals("2024-03-01 06:30:00 -03:30", new FenceHistoryText(ZoneId.of("-03:30")).time(T0));
        assertEquals("2024-03-01 10:00:00Z", utc.time(T0));
    }

    @Test
    void pendingFirstThenNewestCompletionFirst() {
        FenceOperation old = op("node2", FenceState.FENCE_DONE, T0, T0 + 1000);
        FenceOperation recent = op("node3", FenceState.FENCE_FAILED, T0 + 2000, T0 + 9000);
        FenceOperation pending = op("node4", FenceState.FENCE_PENDING, T0 + 3000, 0);
        assertEquals(List.of(pending, recent, old), FenceHistoryText.sorted(List.of(old, recent, pending)));
    }

    @Test
    void theReducedHistoryKeepsTheNewestOfEachKind() {
        FenceOperation first = op("node2", FenceState.FENCE_DONE, T0, T0 + 1000);
        FenceOperation second = op("node2", FenceState.FENCE_DONE, T0 + 5000, T0 + 6000);
        FenceOperation failed = op("node2", FenceState.FENCE_FAILED, T0 + 100, T0 + 200);
        FenceOperation offNode2 = op("node2", FenceState.FENCE_DONE, T0, T0 + 3000).toBuilder()
                .setAction("off")
                .build();
        List<FenceOperation> sorted = FenceHistoryText.sorted(List.of(first, second, failed, offNode2));
        assertEquals(List.of(second, offNode2, failed), FenceHistoryText.reduced(sorted));
    }

    @Test
    void aLaterSuccessIsOnlyOneThatCameAfter() {
        FenceOperation failed = op("node2", FenceState.FENCE_FAILED, T0, T0 + 5000);
        FenceOperation before = op("node2", FenceState.FENCE_DONE, T0, T0 + 1000);
        assertNull(FenceHistoryText.laterSucceeded(failed, List.of(failed, before)));
        FenceOperation after = op("node2", FenceState.FENCE_DONE, T0, T0 + 9000).toBuilder()
                .setDelegate("node4")
                .build();
        assertEquals("node4", FenceHistoryText.laterSucceeded(failed, List.of(after, failed, before)));
    }
}
