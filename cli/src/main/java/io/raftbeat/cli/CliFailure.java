package io.raftbeat.cli;

/**
 * A command that cannot complete: one line for standard error and the process exit code (Pacemaker's crm_exit_t
 * values: 64 usage, 102 not connected, 105 no such object, 124 timeout ...).
 */
public final class CliFailure extends Exception {
    public static final int USAGE = 64;
    public static final int DISCONNECT = 102;
    public static final int TIMEOUT = 124;

    private final int exitCode;

    public CliFailure(int exitCode, String message) {
        super(message, null, false, false);
        this.exitCode = exitCode;
    }

    public static CliFailure usage(String message) {
        return new CliFailure(USAGE, message);
    }

    public int exitCode() {
        return exitCode;
    }
}
