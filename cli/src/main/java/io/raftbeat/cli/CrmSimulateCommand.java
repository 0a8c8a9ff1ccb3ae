package io.raftbeat.cli;

import io.raftbeat.cib.CibException;
import io.raftbeat.cib.SafeXml;
import io.raftbeat.cib.XmlWriter;
import io.raftbeat.scheduler.IsoDates;
import io.raftbeat.scheduler.RaftQuorum;
import io.raftbeat.scheduler.Scheduler;
import io.raftbeat.scheduler.Transition;
import io.raftbeat.status.Scores;
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
            description = "Show allocation scores")
    boolean scores;

    @Option(
            names = {"-t", "--set-datetime"},
            paramLabel = "DATETIME",
            description = "Set date/time (ISO 8601 format, see https://en.wikipedia.org/wiki/ISO_8601)")
    String dateTime;

    @Option(
            names = {"-Q", "--quiet"},
            description = "Display only essential output")
    boolean quiet;

    @Option(
            names = {"-u", "--node-up"},
            paramLabel = "NODE",
            description = "Simulate bringing a node online")
    List<String> nodesUp = new ArrayList<>();

    @Option(
            names = {"-d", "--node-down"},
            paramLabel = "NODE",
            description = "Simulate taking a node offline")
    List<String> nodesDown = new ArrayList<>();

    @Option(
            names = {"-f", "--node-fail"},
            paramLabel = "NODE",
            description = "Simulate a node failing")
    List<String> nodesFailed = new ArrayList<>();

    @Option(
            names = {"-i", "--op-inject"},
            paramLabel = "OPSPEC",
            description = "Generate a failure for the cluster to react to in the simulation (RSC_OP_MS@NODE=RC)")
    List<String> opsInjected = new ArrayList<>();

    @Option(
            names = {"-F", "--op-fail"},
            paramLabel = "OPSPEC",
            description = "If the specified task occurs during the simulation, have it fail with that return code")
    List<String> opsFailed = new ArrayList<>();

    @Option(
            names = {"-q", "--quorum"},
            paramLabel = "QUORUM",
            description = "Set to '1' (or 'true') to indicate cluster has quorum")
    String quorum;

    @Option(
            names = {"-I", "--save-input"},
            paramLabel = "FILE",
            description = "Save the input configuration to the named file")
    Path saveInput;

    @Option(
            names = {"-O", "--save-output"},
            paramLabel = "FILE",
            description = "Save the output configuration to the named file")
    Path saveOutput;

    @Mixin
    CompatibilityOptions compatibility;

    private final CliContext ctx;

    CrmSimulateCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() throws CliFailure {
        Instant now = now();
        List<SimulationInjections.OpSpec> failures = new ArrayList<>();
        for (String spec : opsFailed) {
            failures.add(SimulationInjections.OpSpec.parse(spec, "--op-fail (-F)"));
        }
        Document cib = parse(read());
        if (xmlFile == null) {
            RaftQuorum.mark(cib); // as the leader schedules it
        }
        List<String> out = new ArrayList<>();
        if (!quiet) {
            out.add("Current cluster status:");
            out.addAll(SimulationText.status(StatusUnpacker.unpack(cib)));
        }
        // Pacemaker stamps injected results with the wall clock, whatever -t says.
        long wallClock = Instant.now().getEpochSecond();
        List<String> modifications = modify(cib, wallClock);
        if (!quiet && !modifications.isEmpty()) {
            out.add("");
            out.add("Performing Requested Modifications:");
            modifications.forEach(line -> out.add("  * " + line));
        }
        save(saveInput, cib);
        if (scores) {
            out.add("");
            Scheduler.scores(cib, now)
                    .forEach(s -> out.add(String.format(
                            "%s: %s allocation score on %s: %s", s.step(), s.resource(), s.node(), score(s.score()))));
        }
        Transition transition = Scheduler.schedule(cib, now);
        out.add("");
        out.add("Transition Summary:");
        transition.summary().forEach(line -> out.add("  * " + line));
        if (simulate || run || saveOutput != null) {
            List<String> executed = new SimulatedExecution(cib, wallClock, failures).run(transition);
            if (simulate || run) {
                out.add("");
                out.add("Executing Cluster Transition:");
                out.addAll(executed);
            }
            if (!quiet && (simulate || run)) {
                out.add("");
                out.add("Revised Cluster Status:");
                out.addAll(SimulationText.status(StatusUnpacker.unpack(cib)));
            }
            save(saveOutput, cib);
        }
        ctx.out().print(String.join("\n", out.subList(quiet ? 1 : 0, out.size())) + "\n");
        ctx.out().flush();
        return 0;
    }

    /** The requested modifications, quorum first as Pacemaker applies it; the lines to announce them. */
    private List<String> modify(Document cib, long wallClock) throws CliFailure {
        List<String> lines = new ArrayList<>();
        if (quorum != null) {
            lines.add("Setting quorum: " + quorum);
            cib.getDocumentElement().setAttribute("have-quorum", quorum);
        }
        lines.addAll(new SimulationInjections(nodesUp, nodesDown, nodesFailed, opsInjected).apply(cib, wallClock));
        return lines;
    }

    private static String score(int s) {
        return s >= Scores.INFINITY ? "INFINITY" : s <= -Scores.INFINITY ? "-INFINITY" : Integer.toString(s);
    }

    private void save(Path file, Document cib) throws CliFailure {
        if (file == null) {
            return;
        }
        try {
            Files.writeString(file, XmlWriter.pretty(cib.getDocumentElement()), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new CliFailure(73, "crm_simulate: cannot write " + file + ": " + e.getMessage()); // CANTCREAT
        }
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
