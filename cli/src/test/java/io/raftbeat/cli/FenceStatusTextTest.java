package io.raftbeat.cli;

import static io.raftbeat.cli.FenceHistoryTextTest.T0;
import static io.raftbeat.cli.FenceHistoryTextTest.op;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.raftbeat.proto.v1.FenceOperation;
import io.raftbeat.proto.v1.FenceState;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** crm_mon's fencing sections by --fence-history level, laid out as Pacemaker 2.1.5's crm_mon -1. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class FenceStatusTextTest {
    private static final long HOUR = 3_600_000;
    private final FenceStatusText text = new FenceStatusText(new FenceHistoryText(ZoneOffset.UTC));

    private final FenceOperation oldSuccess = op("node2", FenceState.FENCE_DONE, T0, T0 + 1000);
    private final FenceOperation failed = op("node3", FenceState.FENCE_FAILED, T0 + HOUR, T0 + HOUR + 1000).toBuilder()
            .setDetail("no device can fence node3")
            .build();
    private final FenceOperation recentSuccess = op("node3", FenceState.FENCE_DONE, T0 + 2 * HOUR, T0 + 2 * HOUR);
    private final FenceOperation pending = op("node4", FenceState.FENCE_PENDING, T0 + 2 * HOUR, 0);
    private final List<FenceOperation> history = List.of(oldSuccess, failed, recentSuccess, pending);
    private final long now = T0 + 2 * HOUR + 60_000;

    @Test
    void byDefaultFailuresPendingAndTheLastHoursSuccesses() {
        assertEquals(
                List.of(
                        "",
                        "Failed Fencing Actions:",
                        "  * reboot of node3 by node3 for stonith_admin.42@node1 last failed (no device can fence node3)"
                                + " at 2024-03-01 11:00:01Z (a later attempt from node3 succeeded)",
                        "",
                        "Pending Fencing Actions:",
                        "  * reboot of node4 for stonith_admin.42@node1 last pending",
                        "",
                        "Fencing History:",
                        "  * reboot of node3 by node3 for stonith_admin.42@node1 last successful at"
                                + " 2024-03-01 12:00:00Z"),
                text.lines(history, 1, now));
    }

    @Test
    void levelTwoShowsTheWholeHistory() {
        assertEquals(
                List.of(
                        "",
                        "Failed Fencing Actions:",
                        "  * reboot of node3 by node3 for stonith_admin.42@node1 failed (no device can fence node3)"
                                + " at 2024-03-01 11:00:01Z (a later attempt from node3 succeeded)",
                        "",
                        "Fencing History:",
                        "  * reboot of node4 for stonith_admin.42@node1 pending",
                        "  * reboot of node3 by node3 for stonith_admin.42@node1 successful at 2024-03-01 12:00:00Z",
                        "  * reboot of node2 by node3 for stonith_admin.42@node1 successful at 2024-03-01 10:00:01Z"),
                text.lines(history, 2, now));
    }

    @Test
    void nothingAtLevelZeroNorWithoutHistory() {
        assertEquals(List.of(), text.lines(history, 0, now));
        assertEquals(List.of(), text.lines(List.of(), 1, now));
        assertEquals(List.of(), text.lines(List.of(oldSuccess), 1, now), "a success older than an hour");
    }
}
