package io.raftbeat.cib;

import io.raftbeat.proto.v1.OpResult;

/**
 * How the store reads an agent's {@link OpResult}: whether Pacemaker counts it as failed, and a one-line text for
 * the event log. Pure and thread-safe.
 */
public final class OpResults {
    /** Pacemaker's exec status (PCMK_EXEC_*) numbers the store distinguishes. */
    public static final int DONE = 0;

    public static final int CANCELLED = 1;

    private static final String[] OCF_TEXT = {
        "ok",
        "error",
        "invalid parameter",
        "unimplemented feature",
        "insufficient privileges",
        "not installed",
        "not configured",
        "not running",
        "promoted",
        "promoted (failed)"
    };
    private static final String[] EXEC_TEXT = {
        "done", "cancelled", "timed out", "not supported", "error", "hard error", "fatal error", "not installed"
    };

    private OpResults() {}

    /** A probe: a one-shot monitor (interval 0) the agent ran on its own, not for an action. */
    public static boolean isProbe(OpResult r) {
        return r.getOperation().equals("monitor")
                && r.getIntervalMs() == 0
                && r.getActionId().isEmpty();
    }

    /**
     * Failed as Pacemaker judges it: the execution did not complete, or the rc is not the one expected (the
     * action's target rc; for a probe any of 0 running, 7 not running, 8 running promoted is a finding).
     */
    public static boolean isFailure(OpResult r) {
        if (r.getOpStatus() != DONE) {
            return true;
        }
        if (isProbe(r)) {
            return r.getRcCode() != 0 && r.getRcCode() != 7 && r.getRcCode() != 8;
        }
        return r.getRcCode() != r.getTargetRc();
    }

    /** E.g. {@code d1 monitor (1000 ms) on node1: not running (rc 7)}, then {@code : <exit reason>} if it has one. */
    public static String describe(OpResult r, String node) {
        String what = r.getResource().getId() + " " + r.getOperation()
                + (r.getIntervalMs() > 0 ? " (" + r.getIntervalMs() + " ms)" : "") + " on " + node + ": ";
        String outcome = r.getOpStatus() != DONE ? execText(r.getOpStatus()) : ocfText(r.getRcCode());
        String reason = reason(r);
        return what + outcome + " (rc " + r.getRcCode() + ")" + (reason.isEmpty() ? "" : ": " + reason);
    }

    /** The result's exit reason on one line (empty when it has none). */
    public static String reason(OpResult r) {
        return SafeXml.oneLine(r.getExitReason());
    }

    /** Pacemaker's text for an OCF exit code. */
    public static String ocfText(int rc) {
        if (rc >= 0 && rc < OCF_TEXT.length) {
            return OCF_TEXT[rc];
        }
        return switch (rc) {
            case 190 -> "degraded";
            case 191 -> "promoted (degraded)";
            default -> "unknown result";
        };
    }

    private static String execText(int status) {
        return status >= 0 && status < EXEC_TEXT.length ? EXEC_TEXT[status] : "unknown exec status " + status;
    }
}
