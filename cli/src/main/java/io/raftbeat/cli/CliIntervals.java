package io.raftbeat.cli;

import io.raftbeat.agent.state.IntervalSpec;

/** An operation interval given on the command line, read as Pacemaker reads it; a bad one is a usage error. */
final class CliIntervals {
    private CliIntervals() {}

    /** Milliseconds, or a usage error naming the option and the value. */
    static long toMillis(String spec, String option) throws CliFailure {
        long ms = IntervalSpec.toMillis(spec);
        if (ms < 0) {
            throw CliFailure.usage(option + " must be an interval such as 10s, 5000ms or PT1M, not '" + spec + "'");
        }
        return ms;
    }
}
