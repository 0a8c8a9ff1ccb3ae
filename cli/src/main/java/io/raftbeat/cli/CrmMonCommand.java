package io.raftbeat.cli;

import io.raftbeat.proto.v1.FenceOperation;
import io.raftbeat.status.ClusterStatus;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
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

    @Option(
            names = {"-m", "--fence-history"},
            paramLabel = "LEVEL",
            arity = "0..1",
            fallbackValue = "2",
            description = "Show fence history: 0=off, 1=failures and pending (default without option),"
                    + " 2=add successes (default without value for option), 3=show full history from all nodes")
    String fenceHistory;

    @Mixin
    CompatibilityOptions compatibility;

    private final CliContext ctx;

    CrmMonCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() throws CliFailure {
        Duration every = interval();
        int fenceLevel = fenceLevel();
        while (true) {
            ClusterStatus status = CibSnapshot.read(ctx, TIMEOUT).status();
            long now = System.currentTimeMillis();
            ctx.out().print(new StatusText(status).render(now / 1000, inactive, failCounts));
            // Offline (CIB_file) there is no fencer to ask, as for Pacemaker: the CIB's status only.
            if (ctx.cibFile() == null && fenceLevel > 0) {
                fencingLines(fenceLevel, now).forEach(ctx.out()::println);
            }
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

    /** The fencing sections; a history that cannot be read is one line, and the status is still shown (Pacemaker). */
    private List<String> fencingLines(int level, long now) {
        try (RemoteFencing fencer = new RemoteFencing(ServerList.parse(ctx.servers()), TIMEOUT, "")) {
            List<FenceOperation> history = fencer.history("*");
            return new FenceStatusText(new FenceHistoryText(ZoneId.systemDefault())).lines(history, level, now);
        } catch (CliFailure e) {
            return List.of("", "Failed Fencing Actions:", "  * Failed to get fencing history: " + e.getMessage());
        }
    }

    /** --fence-history's level, 0 to 3; 1 when not given. */
    private int fenceLevel() throws CliFailure {
        if (fenceHistory == null) {
            return 1;
        }
        try {
            int level = Integer.parseInt(fenceHistory.trim());
            if (level >= 0 && level <= 3) {
                return level;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw CliFailure.usage("crm_mon: Fence history must be 0-3, not '" + fenceHistory + "'");
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
