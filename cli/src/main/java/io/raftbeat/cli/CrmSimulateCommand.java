package io.raftbeat.cli;

import io.raftbeat.cib.CibException;
import io.raftbeat.cib.SafeXml;
import io.raftbeat.scheduler.IsoDates;
import io.raftbeat.scheduler.Scheduler;
import io.raftbeat.scheduler.Transition;
import io.raftbeat.status.ClusterStatus;
import io.raftbeat.status.StatusUnpacker;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.w3c.dom.Document;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Pacemaker's {@code crm_simulate}: runs the scheduler on a CIB file ({@code -x}) or the live cluster ({@code -L})
 * and prints the current status, the Transition Summary, the actions, and ({@code -S}) the status they would leave,
 * in Pacemaker 2.1.5's layout. Offline and read-only: nothing is executed.
 */
@Command(name = "crm_simulate", sortOptions = false, description = "Simulate the cluster's response to events.")
final class CrmSimulateCommand implements Callable<Integer> {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final int MAX_CIB_BYTES = 64 * 1024 * 1024;

    @Option(
            names = {"-x", "--xml-file"},
            paramLabel = "FILE",
            description = "Retrieve XML from the named file")
    Path xmlFile;

    @Option(
            names = {"-L", "--live-check"},
            description = "Connect to the CIB and use the current contents as input")
    boolean live;

    @Option(
            names = {"-S", "--simulate"},
            description = "Simulate the transition's execution and display the resulting cluster status")
    boolean simulate;

    @Option(
            names = {"-R", "--run"},
            description = "Same as -S here")
    boolean run;

    @Option(
            names = {"-s", "--show-scores"},
            description = "Accepted; allocation scores are not printed yet")
    boolean scores;

    @Option(
            names = {"-t", "--set-datetime"},
            paramLabel = "DATETIME",
            description = "Set date/time (ISO 8601 format, see https://en.wikipedia.org/wiki/ISO_8601)")
    String dateTime;

    @Option(
            names = {"-q", "--quiet"},
            description = "Display only essential output")
    boolean quiet;

    @Mixin
    CompatibilityOptions compatibility;

    private final CliContext ctx;

    CrmSimulateCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() throws CliFailure {
        Instant now = now();
        Document cib = parse(read());
        ClusterStatus before = StatusUnpacker.unpack(cib);
        Transition transition = Scheduler.schedule(cib, now);
        List<String> out = new ArrayList<>();
        if (!quiet) {
            out.add("Current cluster status:");
            out.addAll(SimulationText.status(before));
            out.add("");
        }
        out.add("Transition Summary:");
        transition.summary().forEach(line -> out.add("  * " + line));
        if (simulate || run) {
            out.add("");
            out.add("Executing Cluster Transition:");
            out.addAll(SimulationText.actions(transition));
            if (!quiet) {
                out.add("");
                out.add("Revised Cluster Status:");
                out.addAll(SimulationText.status(SimulationText.revised(before, transition)));
            }
        }
        ctx.out().print(String.join("\n", out) + "\n");
        ctx.out().flush();
        return 0;
    }

    private Instant now() throws CliFailure {
        if (dateTime == null) {
            return Instant.now();
        }
        Instant parsed = IsoDates.parse(dateTime);
        if (parsed == null) {
            throw CliFailure.usage("crm_simulate: --set-datetime (-t) is not an ISO 8601 date: '" + dateTime + "'");
        }
        return parsed;
    }

    private String read() throws CliFailure {
        if (xmlFile != null) {
            try {
                return Files.readString(xmlFile, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new CliFailure(66, "crm_simulate: cannot read " + xmlFile + ": " + e.getMessage()); // NOINPUT
            }
        }
        if (!live) {
            throw CliFailure.usage("crm_simulate: give an input: -x FILE or -L (the live cluster)");
        }
        return CibSnapshot.read(ctx, TIMEOUT).xml();
    }

    private static Document parse(String xml) throws CliFailure {
        try {
            return SafeXml.parse(xml, MAX_CIB_BYTES);
        } catch (CibException e) {
            throw new CliFailure(e.error().exitCode(), "crm_simulate: the CIB is not usable: " + e.getMessage());
        }
    }
}
