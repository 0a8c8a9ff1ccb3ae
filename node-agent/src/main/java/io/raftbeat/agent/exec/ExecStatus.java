package io.raftbeat.agent.exec;

/** How an execution ended, with Pacemaker's {@code op-status} numbers (enum pcmk_exec_status). */
public enum ExecStatus {
    DONE(0),
    CANCELLED(1),
    TIMEOUT(2),
    NOT_SUPPORTED(3),
    ERROR(4),
    ERROR_HARD(5),
    ERROR_FATAL(6),
    NOT_INSTALLED(7);

    private final int code;

    ExecStatus(int code) {
        this.code = code;
    }

    /** The value of {@code op-status} in an {@code lrm_rsc_op}. */
    public int code() {
        return code;
    }
}
