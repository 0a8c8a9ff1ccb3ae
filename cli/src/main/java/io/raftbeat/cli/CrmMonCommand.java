package io.raftbeat.cli;

import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Pacemaker's {@code crm_mon}: the cluster's status as text, from the cluster ({@code CIB_SERVER}) or from a file
 * ({@code CIB_file}), in Pacemaker 2.1.5's layout. {@code -1} prints once; without it the status is reprinted every
 * {@code --interval} until interrupted (a plain reprint, no curses screen). Text output only.
 */
@Command(name = "crm_mon", sortOptions = false, description = "Show a summary of the cluster's current state.")
final class CrmMonCommand implements Callable<Integer> {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Option(
            names = {"-1", "--one-shot"},
            description = "Display the cluster status once and exit")
    boolean oneShot;

    @Option(
            names = {"-r", "--inactive"},
            description = "Display inactive resources")
    boolean inactive;

    @Option(
            names = {"-f", "--failcounts"},
            description = "Display resource fail counts")
    boolean failCounts;

    @Option(
            names = {"-i", "--interval"},
            paramLabel = "SECONDS",
            description = "Update frequency without -1 (default 5s)")
    String interval;

    @Mixin
    CompatibilityOptions compatibility;

    private final CliContext ctx;

    CrmMonCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() throws CliFailure {
        Duration every = interval();
        while (true) {
            String text = new StatusText(CibSnapshot.read(ctx, TIMEOUT).status())
                    .render(System.currentTimeMillis() / 1000, inactive, failCounts);
            ctx.out().print(text);
            ctx.out().flush();
            if (oneShot) {
                return 0;
            }
            try {
                Thread.sleep(every.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return 0;
            }
            ctx.out().println();
        }
    }

    /** Whole seconds, with or without an "s": Pacemaker's TIMESPEC in its common form. */
    private Duration interval() throws CliFailure {
        if (interval == null) {
            return Duration.ofSeconds(5);
        }
        String v = interval.trim();
        try {
            long seconds = Long.parseLong(v.endsWith("s") ? v.substring(0, v.length() - 1) : v);
            if (seconds > 0) {
                return Duration.ofSeconds(seconds);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw CliFailure.usage("crm_mon: --interval (-i) must be a number of seconds above 0, not '" + interval + "'");
    }
}
