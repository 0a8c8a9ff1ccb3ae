package io.raftbeat.agent.exec;

/**
 * How bad a result is, as Pacemaker Explained's table "How are OCF return codes interpreted" says: the expected
 * code is success; otherwise 1, 7, 8, 9 and 0 (when unexpected) are soft (recover in place or move), 2, 3, 4 and 5
 * are hard (move away and ban from this node), 6 is fatal (stop everywhere). Degraded codes 190 and 191 count as
 * 0 and 8 (Pacemaker's {@code pcmk__effective_rc}). Codes outside the table are soft, as an unknown error. Pure:
 * the scheduler calls it from any thread.
 */
public enum OcfFailure {
    SUCCESS,
    SOFT,
    HARD,
    FATAL;

    /** The class of {@code rc} for an operation that expected {@code expectedRc}. */
    public static OcfFailure of(int rc, int expectedRc) {
        int effective = effective(rc);
        if (effective == effective(expectedRc)) {
            return SUCCESS;
        }
        return switch (effective) {
            case 2, 3, 4, 5 -> HARD;
            case 6 -> FATAL;
            default -> SOFT;
        };
    }

    /**
     * The class of a whole result: an op-status other than DONE decides first (a timeout or a cancel is soft, an
     * agent that is not installed or a hard error is hard, a fatal error is fatal), then the rc as {@link #of}.
     */
    public static OcfFailure of(AgentResult result, int expectedRc) {
        return switch (result.status()) {
            case DONE -> of(result.rc(), expectedRc);
            case NOT_INSTALLED, ERROR_HARD, NOT_SUPPORTED -> HARD;
            case ERROR_FATAL -> FATAL;
            case TIMEOUT, CANCELLED, ERROR -> SOFT;
        };
    }

    /** 190 (degraded) is a success and 191 (degraded promoted) is running promoted. */
    public static int effective(int rc) {
        return switch (rc) {
            case 190 -> 0;
            case 191 -> 8;
            default -> rc;
        };
    }
}
