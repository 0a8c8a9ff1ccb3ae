package io.raftbeat.agent.lsb;

import io.raftbeat.agent.exec.AgentCall;
import io.raftbeat.agent.exec.AgentCommands;
import io.raftbeat.agent.exec.AgentNames;
import io.raftbeat.agent.exec.AgentResult;
import io.raftbeat.agent.exec.AgentResults;
import io.raftbeat.agent.exec.ExecStatus;
import io.raftbeat.agent.exec.ProcessOutcome;
import io.raftbeat.agent.exec.ProcessRunner;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * A script of an init-script-like class ({@code lsb:NAME} in the init directory, {@code heartbeat:NAME} in
 * {@code ha.d/resource.d}): checks the name, finds the script, runs it with arguments and no environment beyond
 * {@code PATH}, and builds its meta-data from its header. Thread-safe.
 */
public final class InitScript {
    private static final int HEADER_BYTES = 64 * 1024;

    private final String resourceClass;
    private final Path dir;
    private final ProcessRunner runner;

    public InitScript(String resourceClass, Path dir, ProcessRunner runner) {
        this.resourceClass = resourceClass;
        this.dir = dir;
        this.runner = runner;
    }

    /** "lsb:NAME", as operators name the agent. */
    public String agentName(AgentCall call) {
        return resourceClass + ":" + call.type();
    }

    /** Runs {@code dir/TYPE args…} and maps a finished run with {@code mapping}; refusals and timeouts as usual. */
    public AgentResult run(AgentCall call, List<String> args, Function<ProcessOutcome, AgentResult> mapping) {
        Optional<AgentResult> refused = refusal(call);
        if (refused.isPresent()) {
            return refused.get();
        }
        List<String> argv = new ArrayList<>(args.size() + 1);
        argv.add(dir.resolve(call.type()).toString());
        argv.addAll(args);
        ProcessOutcome outcome = runner.run(AgentCommands.of(argv, Map.of(), new byte[0], call));
        return AgentResults.unfinished(agentName(call), outcome).orElseGet(() -> mapping.apply(outcome));
    }

    /** Runs a non-status action: its exit code read with LSB's table ({@link LsbExitCodes#action}). */
    public AgentResult action(AgentCall call, List<String> args, String action) {
        return run(call, args, o -> AgentResults.exited(o, LsbExitCodes.action(action, o.exitCode()), ""));
    }

    /** Meta-data generated from the script's LSB header (read, never run); {@code lsb} adds the LSB fields. */
    public AgentResult metaData(AgentCall call, boolean lsb) {
        Optional<AgentResult> refused = refusal(call);
        if (refused.isPresent()) {
            return refused.get();
        }
        Path script = dir.resolve(call.type());
        try (InputStream in = Files.newInputStream(script)) {
            String text = new String(in.readNBytes(HEADER_BYTES), StandardCharsets.UTF_8);
            String xml = LsbMetadata.of(call.type(), text, lsb);
            return new AgentResult(0, ExecStatus.DONE, "", xml, 0, "");
        } catch (IOException e) {
            return AgentResults.notInstalled(agentName(call) + ": cannot read " + script + ": " + e.getMessage());
        }
    }

    /** The rc-2 or rc-5 result when the name is unsafe, a parameter cannot be passed, or the script is missing. */
    private Optional<AgentResult> refusal(AgentCall call) {
        return AgentNames.check(resourceClass + " script name", call.type())
                .or(() -> AgentNames.checkParameters(call.parameters()))
                .or(() -> AgentResults.missing(agentName(call), dir.resolve(call.type())));
    }
}
