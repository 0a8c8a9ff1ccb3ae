package io.raftbeat.agent.exec;

/**
 * How a {@link ProcessRunner} run ended. {@code exitCode} is meaningful only when {@code ending} is
 * {@link Ending#EXITED}; {@code problem} names why it did not start, or how it was stopped; {@code output} is the
 * merged stdout and stderr, bounded by {@link BoundedOutput}.
 */
public record ProcessOutcome(Ending ending, int exitCode, String problem, String output, long elapsedMs) {
    /** How the run ended. */
    public enum Ending {
        /** The process exited by itself (or was killed by a signal from outside: exit code 128 + signal). */
        EXITED,
        /** The timeout expired: the process group got SIGTERM, then SIGKILL after the grace period. */
        TIMED_OUT,
        /** The calling thread was interrupted: the process group was stopped as for a timeout. */
        CANCELLED,
        /** The process could not be started. */
        NOT_STARTED
    }

    static ProcessOutcome notStarted(String problem, long elapsedMs) {
        return new ProcessOutcome(Ending.NOT_STARTED, -1, problem, "", elapsedMs);
    }
}
