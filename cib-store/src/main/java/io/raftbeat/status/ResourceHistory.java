package io.raftbeat.status;

import java.util.List;

/**
 * What the operation history of one resource on one node says: whether it is active there, whether it failed (and
 * was not recovered since), whether its agent is not installed there (and since when, in seconds since the epoch,
 * for failure-timeout), the failed operations to report, and the intervals of its recurring monitors on record
 * there (each {@code <rsc>_monitor_<ms>} not cancelled: the monitors the node's agent runs).
 */
public record ResourceHistory(
        String resource,
        String node,
        boolean active,
        boolean failed,
        boolean notInstalled,
        boolean failedStop,
        List<LrmRscOp> failures,
        long notInstalledSince,
        List<Long> recurringMonitors) {
    public ResourceHistory {
        failures = List.copyOf(failures);
        recurringMonitors = List.copyOf(recurringMonitors);
    }

    public ResourceHistory(
            String resource,
            String node,
            boolean active,
            boolean failed,
            boolean notInstalled,
            boolean failedStop,
            List<LrmRscOp> failures) {
        this(resource, node, active, failed, notInstalled, failedStop, failures, 0, List.of());
    }
}
