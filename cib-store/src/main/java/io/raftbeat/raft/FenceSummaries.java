package io.raftbeat.raft;

import io.raftbeat.proto.v1.FenceAttempt;
import io.raftbeat.proto.v1.FenceOperation;

/** The event log's one line for a fencing step: what changed between two versions of an operation. Pure. */
final class FenceSummaries {
    private FenceSummaries() {}

    /** {@code before} is null for a new operation. */
    static String of(FenceOperation before, FenceOperation op) {
        String what = op.getAction() + " of " + op.getTarget();
        switch (op.getState()) {
            case FENCE_DONE -> {
                return op.getDelegate().isEmpty()
                        ? what + " confirmed by " + op.getOrigin() + " (" + op.getDevice() + ")"
                        : what + " succeeded: device " + op.getDevice() + " run by " + op.getDelegate();
            }
            case FENCE_FAILED -> {
                return what + " failed after " + op.getAttemptsCount() + " attempts: " + op.getDetail();
            }
            default -> {
                if (before == null) {
                    return what + " requested by " + op.getOrigin()
                            + (op.getReason().isEmpty() ? "" : ": " + op.getReason());
                }
                int was = before.getAttemptsCount();
                if (op.getAttemptsCount() > was) {
                    FenceAttempt a = op.getAttempts(op.getAttemptsCount() - 1);
                    String started = what + ": device " + a.getDevice() + " run by " + a.getExecutor() + " (level "
                            + a.getLevel() + ")";
                    return was > 0 && failed(op.getAttempts(was - 1))
                            ? started + " after " + attempt(op.getAttempts(was - 1))
                            : started;
                }
                if (was > 0 && failed(op.getAttempts(was - 1))) {
                    return what + ": " + attempt(op.getAttempts(was - 1));
                }
                return what + " waits: " + op.getDetail();
            }
        }
    }

    private static boolean failed(FenceAttempt a) {
        return a.getFinishedMs() > 0 && (a.getRcCode() != 0 || a.getOpStatus() != 0);
    }

    private static String attempt(FenceAttempt a) {
        return "device " + a.getDevice() + " run by " + a.getExecutor() + " failed (rc " + a.getRcCode() + ", status "
                + a.getOpStatus() + (a.getExitReason().isEmpty() ? ")" : "): " + a.getExitReason());
    }
}
