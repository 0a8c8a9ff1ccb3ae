package io.raftbeat.agent.exec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The results every executor builds the same way: refusals that run nothing (bad input, missing agent,
 * unsupported operation) and the result of a finished process. Pure, except {@link #missing} which looks at a path.
 */
public final class AgentResults {
    /** ocf-shellfuncs' {@code ocf_exit_reason} prints its reason on stderr behind this prefix. */
    public static final String EXIT_REASON_PREFIX = "ocf-exit-reason:";

    private static final int REASON_MAX = 200;

    private AgentResults() {}

    /** rc 2 (OCF_ERR_ARGS), op-status ERROR_HARD: the request itself is wrong; nothing was run. */
    public static AgentResult invalid(String reason) {
        return refused(2, ExecStatus.ERROR_HARD, reason);
    }

    /** rc 5 (OCF_ERR_INSTALLED), op-status NOT_INSTALLED: no such agent on this machine. */
    public static AgentResult notInstalled(String reason) {
        return refused(5, ExecStatus.NOT_INSTALLED, reason);
    }

    /** rc 3 (OCF_ERR_UNIMPLEMENTED), op-status NOT_SUPPORTED: the class has no such operation. */
    public static AgentResult notSupported(String reason) {
        return refused(3, ExecStatus.NOT_SUPPORTED, reason);
    }

    /** A result decided without running the agent (a stonith stop): op-status DONE. */
    public static AgentResult decided(int rc, String reason) {
        return new AgentResult(rc, ExecStatus.DONE, reason, "", 0, "");
    }

    /** The rc-5 result when {@code script}, the file behind {@code agent}, is missing or not executable. */
    public static Optional<AgentResult> missing(String agent, Path script) {
        if (!Files.exists(script)) {
            return Optional.of(notInstalled(agent + " is not installed: " + script + " does not exist"));
        }
        if (!Files.isRegularFile(script) || !Files.isExecutable(script)) {
            return Optional.of(notInstalled(agent + " is not installed: " + script + " is not an executable file"));
        }
        return Optional.empty();
    }

    /**
     * The result of a run that did not end by the agent's own exit: rc 1 with op-status TIMEOUT, CANCELLED or
     * ERROR (could not start), as Pacemaker records them; empty when the agent exited and the class maps its code.
     */
    public static Optional<AgentResult> unfinished(String agent, ProcessOutcome outcome) {
        ExecStatus status =
                switch (outcome.ending()) {
                    case EXITED -> null;
                    case TIMED_OUT -> ExecStatus.TIMEOUT;
                    case CANCELLED -> ExecStatus.CANCELLED;
                    case NOT_STARTED -> ExecStatus.ERROR;
                };
        if (status == null) {
            return Optional.empty();
        }
        String reason = oneLine(agent + ": " + outcome.problem(), REASON_MAX);
        return Optional.of(new AgentResult(1, status, reason, outcome.output(), outcome.elapsedMs(), ""));
    }

    /** The result of an agent that exited, its code mapped to {@code rc} by its class: op-status DONE. */
    public static AgentResult exited(ProcessOutcome outcome, int rc, String complianceWarning) {
        return new AgentResult(
                rc,
                ExecStatus.DONE,
                exitReason(outcome.output()),
                outcome.output(),
                outcome.elapsedMs(),
                complianceWarning);
    }

    /** The last {@code ocf-exit-reason:} line the agent printed, as Pacemaker takes it; empty when none. */
    static String exitReason(String output) {
        int at = output.lastIndexOf(EXIT_REASON_PREFIX);
        if (at < 0) {
            return "";
        }
        int from = at + EXIT_REASON_PREFIX.length();
        int eol = output.indexOf('\n', from);
        return oneLine(output.substring(from, eol < 0 ? output.length() : eol).strip(), REASON_MAX);
    }

    /** {@code text} on one line (newlines shown as {@code \n}), cut to {@code max} characters with an ellipsis. */
    public static String oneLine(String text, int max) {
        String flat = text.replace("\r", "\\r").replace("\n", "\\n");
        return flat.length() <= max ? flat : flat.substring(0, max) + "…";
    }

    private static AgentResult refused(int rc, ExecStatus status, String reason) {
        return new AgentResult(rc, status, reason, "", 0, "");
    }
}
