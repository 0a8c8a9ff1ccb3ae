package io.raftbeat.cib;

/** Pacemaker's exit codes (crm_exit_t) for the failures a CIB operation can report. */
public enum CibError {
    ERROR(1, "CRM_EX_ERROR"),
    INVALID_PARAM(2, "CRM_EX_INVALID_PARAM"),
    UNIMPLEMENT_FEATURE(3, "CRM_EX_UNIMPLEMENT_FEATURE"),
    USAGE(64, "CRM_EX_USAGE"),
    DATAERR(65, "CRM_EX_DATAERR"),
    NOINPUT(66, "CRM_EX_NOINPUT"),
    UNAVAILABLE(69, "CRM_EX_UNAVAILABLE"),
    SOFTWARE(70, "CRM_EX_SOFTWARE"),
    CANTCREAT(73, "CRM_EX_CANTCREAT"),
    IOERR(74, "CRM_EX_IOERR"),
    TEMPFAIL(75, "CRM_EX_TEMPFAIL"),
    PROTOCOL(76, "CRM_EX_PROTOCOL"),
    NOPERM(77, "CRM_EX_INSUFFICIENT_PRIV"),
    CONFIG(78, "CRM_EX_CONFIG"),
    DISCONNECT(102, "CRM_EX_DISCONNECT"),
    OLD(103, "CRM_EX_OLD"),
    DIGEST(104, "CRM_EX_DIGEST"),
    NOSUCH(105, "CRM_EX_NOSUCH"),
    QUORUM(106, "CRM_EX_QUORUM"),
    UNSAFE(107, "CRM_EX_UNSAFE"),
    EXISTS(108, "CRM_EX_EXISTS"),
    MULTIPLE(109, "CRM_EX_MULTIPLE"),
    TIMEOUT(124, "CRM_EX_TIMEOUT");

    private final int exitCode;
    private final String pacemakerName;

    CibError(int exitCode, String pacemakerName) {
        this.exitCode = exitCode;
        this.pacemakerName = pacemakerName;
    }

    public int exitCode() {
        return exitCode;
    }

    public String pacemakerName() {
        return pacemakerName;
    }

    public static CibError forExitCode(int exitCode) {
        for (CibError e : values()) {
            if (e.exitCode == exitCode) {
                return e;
            }
        }
        return ERROR;
    }
}
