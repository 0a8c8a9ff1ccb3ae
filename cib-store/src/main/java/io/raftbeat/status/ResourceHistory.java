package io.raftbeat.status;

import java.util.List;

/**
 * What the operation history of one resource on one node says: whether it is active there, whether it failed (and
 * was not recovered since), whether its agent is not installed there (and since when, in seconds since the epoch,
 * for failure-timeout), and the failed operations to report.
 */
public record ResourceHistory(
        String resource,
        String node,
        boolean active,
        boolean failed,
        boolean notInstalled,
        boolean failedStop,
        List<LrmRscOp> failures,
        long notInstalledSince) {
    public ResourceHistory {
        failures = List.copyOf(failures);
    }

    public ResourceHistory(
            String resource,
            String node,
            boolean active,
            boolean failed,
            boolean notInstalled,
            boolean failedStop,
            List<LrmRscOp> failures) {
        this(resource, node, active, failed, notInstalled, failedStop, failures, 0);
    }
}
