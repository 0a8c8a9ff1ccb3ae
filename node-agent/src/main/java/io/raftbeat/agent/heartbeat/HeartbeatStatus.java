package io.raftbeat.agent.heartbeat;

import io.raftbeat.agent.exec.AgentResults;
import java.util.Locale;

/**
 * Reads a Heartbeat-class {@code status} output, whose exit code means nothing (a historical hangover from init
 * scripts that printed their state reliably but did not exit with it): lower-cased output matching
 * {@code *stopped*} or {@code *not*running*} is not running (7); else lower-cased {@code *running*} or
 * case-sensitive {@code *OK*} is running (0); anything else, no output included, is not running (7) and a
 * compliance warning: that is the script behind Heartbeat 2's "the first line isn't read in" log flood. Pure.
 */
public record HeartbeatStatus(int rc, String complianceWarning) {
    private static final int QUOTE_MAX = 60;

    /** The status of {@code agent} (e.g. {@code heartbeat:httpd}) that printed {@code output}. */
    public static HeartbeatStatus of(String agent, String output) {
        String lower = output.toLowerCase(Locale.ROOT);
        int not = lower.indexOf("not");
        if (lower.contains("stopped") || not >= 0 && lower.indexOf("running", not + 3) >= 0) {
            return new HeartbeatStatus(7, "");
        }
        if (lower.contains("running") || output.contains("OK")) {
            return new HeartbeatStatus(0, "");
        }
        String printed = output.isBlank()
                ? "printed nothing"
                : "printed \"" + AgentResults.oneLine(output.strip(), QUOTE_MAX) + "\"";
        return new HeartbeatStatus(
                7,
                agent + " status " + printed + ", so the resource counts as not running; a Heartbeat-class status"
                        + " must print `running` or `OK` when the resource is active and neither when it is not");
    }
}
