package io.raftbeat.status;

import java.util.List;

/**
 * What the operation history of one resource on one node says: whether it is active there, whether it failed (and
 * was not recovered since), whether its agent is not installed there, and the failed operations to report.
 */
public record ResourceHistory(
        String resource,
        String node,
        boolean active,
        boolean failed,
        boolean notInstalled,
        boolean failedStop,
        List<LrmRscOp> failures) {
    public ResourceHistory {
        failures = List.copyOf(failures);
    }
}
