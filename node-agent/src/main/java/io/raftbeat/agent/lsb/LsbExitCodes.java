package io.raftbeat.agent.lsb;

/**
 * LSB init-script exit codes as OCF codes, as Pacemaker's {@code services__lsb2ocf} maps them. Status has its own
 * table: 0 running, 1 (dead, pid file left), 2 (dead, lock file left) and 3 not running, 150 not installed, 151
 * insufficient privileges, anything else (4 "unknown" included) an unknown error. Other actions share the codes
 * 0-7 with OCF; anything else is 1. Pure.
 */
public final class LsbExitCodes {
    private LsbExitCodes() {}

    public static int status(int exitCode) {
        return switch (exitCode) {
            case 0 -> 0;
            case 1, 2, 3 -> 7;
            case 150 -> 5;
            case 151 -> 4;
            default -> 1;
        };
    }

    /**
     * Any action but status. A stop that says "not running" (7) is a success: LSB requires stopping a stopped
     * service to succeed, and a script that says so in its exit code has still left the service stopped.
     */
    public static int action(String action, int exitCode) {
        int rc = exitCode >= 0 && exitCode <= 7 ? exitCode : 1;
        return action.equals("stop") && rc == 7 ? 0 : rc;
    }
}
