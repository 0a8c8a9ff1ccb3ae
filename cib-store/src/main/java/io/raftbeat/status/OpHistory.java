package io.raftbeat.status;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Pacemaker's unpack_rsc_op, reduced to what status display and scheduling need: the operations of one resource on
 * one node, replayed in call-id order, decide whether it is active there and whether it has failed. Pure.
 *
 * <pre>
 *   start ok ............ active, past failure cleared
 *   stop ok ............. stopped, past failure cleared
 *   probe/monitor rc 7 .. stopped (expected "not running")
 *   probe/monitor rc 0/8  active
 *   probe rc 5 .......... stopped, agent not installed on that node (not a failure)
 *   anything else failing  failed and active (Pacemaker assumes a failed resource may still run)
 * </pre>
 */
public final class OpHistory {
    private static final int OK = 0;
    private static final int NOT_INSTALLED_RC = 5;
    private static final int NOT_RUNNING = 7;
    private static final int RUNNING_PROMOTED = 8;
    private static final int DEGRADED = 190;
    private static final int DEGRADED_PROMOTED = 191;
    private static final int EXEC_DONE = 0;
    private static final int EXEC_ERROR = 4;
    private static final int EXEC_CANCELLED = 1;
    private static final int EXEC_NOT_INSTALLED = 7;

    private OpHistory() {}

    public static ResourceHistory replay(String resource, String node, List<LrmRscOp> ops) {
        List<LrmRscOp> sorted = new ArrayList<>(ops);
        // An operation still in flight: a start (or stop) under way leaves the resource treated as running there.
        boolean pending =
                sorted.stream().anyMatch(op -> op.isPending() && !op.operation().equals("monitor"));
        sorted.removeIf(LrmRscOp::isPending);
        sorted.sort(Comparator.comparingLong(LrmRscOp::callId)); // stable: document order breaks ties
        boolean active = false;
        boolean failed = false;
        boolean notInstalled = false;
        boolean failedStop = false;
        long notInstalledSince = 0;
        List<LrmRscOp> failures = new ArrayList<>();
        List<Long> monitors = new ArrayList<>();
        for (LrmRscOp op : sorted) {
            if (op.operation().equals("monitor")
                    && op.intervalMs() > 0
                    && op.opStatus() != EXEC_CANCELLED
                    && !monitors.contains(op.intervalMs())) {
                monitors.add(op.intervalMs());
            }
            if (op.opStatus() == EXEC_CANCELLED || !affectsState(op.operation())) {
                continue;
            }
            if (op.isProbe() && (op.opStatus() == EXEC_NOT_INSTALLED || op.rc() == NOT_INSTALLED_RC)) {
                active = false;
                notInstalled = true;
                notInstalledSince = op.lastRcChange();
                continue;
            }
            if (isFailure(op)) {
                failed = true;
                active = true;
                failedStop |= op.operation().equals("stop");
                if (failures.stream().noneMatch(f -> sameKey(f, op))) {
                    failures.add(op);
                }
                continue;
            }
            notInstalled = false;
            switch (op.operation()) {
                case "start", "promote", "demote", "migrate_from" -> {
                    active = true;
                    failed = false;
                    failedStop = false;
                }
                case "stop", "migrate_to" -> {
                    active = false;
                    failed = false;
                    failedStop = false;
                }
                default -> { // monitor
                    if (remapped(op.rc()) == NOT_RUNNING) {
                        active = false;
                        failed = false;
                    } else {
                        active = true;
                    }
                }
            }
        }
        return new ResourceHistory(
                resource,
                node,
                active || pending,
                failed,
                notInstalled,
                failedStop,
                failures,
                notInstalledSince,
                monitors);
    }

    /** A failure as Pacemaker's determine_op_status sees it: not executed, or an unexpected exit code. */
    public static boolean isFailure(LrmRscOp op) {
        // Pacemaker's remap_operation: an "error" status is judged by its exit code, like a completed one.
        if (op.opStatus() != EXEC_DONE && op.opStatus() != EXEC_ERROR) {
            return true;
        }
        int rc = remapped(op.rc());
        if (op.isProbe()) {
            // A probe finds what is there: running, stopped or promoted are all answers, not failures.
            return rc != OK && rc != NOT_RUNNING && rc != RUNNING_PROMOTED;
        }
        return rc != op.targetRc();
    }

    /** OCF's degraded codes (190, 191) count as running (0) and running promoted (8). */
    private static int remapped(int rc) {
        return rc == DEGRADED ? OK : rc == DEGRADED_PROMOTED ? RUNNING_PROMOTED : rc;
    }

    private static boolean affectsState(String operation) {
        return switch (operation) {
            case "start", "stop", "monitor", "promote", "demote", "migrate_to", "migrate_from" -> true;
            default -> false; // notify, meta-data, reload, validate-all
        };
    }

    /** Pacemaker lists a failure once per operation key and node (the _last_failure_0 copy is the same op). */
    private static boolean sameKey(LrmRscOp a, LrmRscOp b) {
        return a.operation().equals(b.operation()) && a.intervalMs() == b.intervalMs();
    }
}
