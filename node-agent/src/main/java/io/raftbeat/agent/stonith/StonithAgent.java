package io.raftbeat.agent.stonith;

import io.raftbeat.agent.exec.AgentCall;
import io.raftbeat.agent.exec.AgentCommands;
import io.raftbeat.agent.exec.AgentNames;
import io.raftbeat.agent.exec.AgentResult;
import io.raftbeat.agent.exec.AgentResults;
import io.raftbeat.agent.exec.ExecStatus;
import io.raftbeat.agent.exec.ProcessOutcome;
import io.raftbeat.agent.exec.ProcessRunner;
import io.raftbeat.agent.exec.ResourceAgent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * {@code stonith:fence_TYPE}: a fence-agents device, run as {@code FENCEDIR/fence_TYPE} (the type as written,
 * with {@code fence_} prefixed when it lacks it) with {@code key=value} lines on stdin: {@code action=…} and the
 * device's parameters, never in argv where any user could read a password. Parameters named {@code pcmk_*} are
 * the cluster's, not the agent's, and are not passed, nor is an {@code action} parameter.
 *
 * <p>As in Pacemaker, a fence device resource is "started" when it is registered for use: start runs the agent's
 * monitor and registers the device when it succeeds; stop unregisters it and always succeeds (nothing runs, so a
 * stop can never fail and block fencing); monitor of an unregistered device is 7 (not running) without running
 * anything, of a registered one the agent's monitor (exit 0 → 0, else 1). The registration is a marker file under
 * {@code runDir/stonith}, so that {@code crm_resource --force-check} sees what the node agent started and a
 * rebooted machine (a fresh run directory) starts with nothing registered. Thread-safe.
 */
public final class StonithAgent implements ResourceAgent {
    private final Path fenceDir;
    private final Path registry;
    private final ProcessRunner runner;

    public StonithAgent(Path fenceDir, Path runDir, ProcessRunner runner) {
        this.fenceDir = fenceDir;
        this.registry = runDir.resolve("stonith");
        this.runner = runner;
    }

    @Override
    public AgentResult start(AgentCall call) {
        AgentResult checked = deviceMonitor(call);
        if (checked.status() != ExecStatus.DONE || checked.rc() != 0) {
            return checked;
        }
        try {
            Files.createDirectories(registry);
            Files.writeString(registry.resolve(call.resourceId()), agentFile(call) + "\n");
        } catch (IOException e) {
            return AgentResults.decided(1, "cannot register fence device " + call.resourceId() + ": " + e.getMessage());
        }
        return checked;
    }

    @Override
    public AgentResult stop(AgentCall call) {
        Optional<AgentResult> bad = names(call, true);
        if (bad.isPresent()) {
            return bad.get();
        }
        try {
            Files.deleteIfExists(registry.resolve(call.resourceId()));
        } catch (IOException e) {
            return AgentResults.decided(
                    1, "cannot unregister fence device " + call.resourceId() + ": " + e.getMessage());
        }
        return AgentResults.decided(0, "");
    }

    @Override
    public AgentResult monitor(AgentCall call) {
        Optional<AgentResult> bad = names(call, true);
        if (bad.isPresent()) {
            return bad.get();
        }
        if (!Files.exists(registry.resolve(call.resourceId()))) {
            return AgentResults.decided(7, "");
        }
        return deviceMonitor(call);
    }

    @Override
    public AgentResult metaData(AgentCall call) {
        return run(call, "metadata", false, Map.of(), exit -> exit == 0 ? 0 : 1);
    }

    /** The agent's validate-all with the device's parameters: a refusal means the configuration is wrong (6). */
    @Override
    public AgentResult validate(AgentCall call) {
        return run(call, "validate-all", true, call.parameters(), exit -> exit == 0 ? 0 : 6);
    }

    private AgentResult deviceMonitor(AgentCall call) {
        return run(call, "monitor", true, call.parameters(), exit -> exit == 0 ? 0 : 1);
    }

    private interface ExitMapping {
        int rc(int exitCode);
    }

    private AgentResult run(
            AgentCall call, String action, boolean needsId, Map<String, String> params, ExitMapping mapping) {
        Optional<AgentResult> bad = names(call, needsId).or(() -> values(params));
        if (bad.isPresent()) {
            return bad.get();
        }
        String agent = "stonith:" + call.type();
        Path script = fenceDir.resolve(agentFile(call));
        Optional<AgentResult> missing = AgentResults.missing(agent, script);
        if (missing.isPresent()) {
            return missing.get();
        }
        byte[] stdin = stdin(action, params).getBytes(StandardCharsets.UTF_8);
        ProcessOutcome outcome = runner.run(AgentCommands.of(List.of(script.toString()), Map.of(), stdin, call));
        return AgentResults.unfinished(agent, outcome).orElseGet(() -> {
            int rc = mapping.rc(outcome.exitCode());
            AgentResult result = AgentResults.exited(outcome, rc, "");
            if (rc == 0 || !result.exitReason().isEmpty()) {
                return result;
            }
            String reason = agent + " " + action + " failed with exit code " + outcome.exitCode();
            return new AgentResult(rc, result.status(), reason, result.output(), result.execTimeMs(), "");
        });
    }

    /** The agent's stdin: {@code action=…}, then the parameters meant for the agent, one per line, sorted. */
    static String stdin(String action, Map<String, String> params) {
        StringBuilder lines = new StringBuilder("action=").append(action).append('\n');
        new TreeMap<>(params).forEach((k, v) -> {
            if (!k.startsWith("pcmk_") && !k.equals("action")) {
                lines.append(k).append('=').append(v).append('\n');
            }
        });
        return lines.toString();
    }

    private static Optional<AgentResult> names(AgentCall call, boolean needsId) {
        return AgentNames.check("fence agent type", call.type())
                .or(() -> needsId ? AgentNames.checkResourceId(call.resourceId()) : Optional.empty());
    }

    // A line break in a value would end it and start another key=value line the configuration never had.
    private static Optional<AgentResult> values(Map<String, String> params) {
        return AgentNames.checkParameters(params).or(() -> params.entrySet().stream()
                .filter(p -> p.getValue().indexOf('\n') >= 0 || p.getValue().indexOf('\r') >= 0)
                .findFirst()
                .map(p -> AgentResults.invalid(
                        "fence device parameter " + p.getKey() + " holds a line break, which stdin cannot carry")));
    }

    private static String agentFile(AgentCall call) {
        return call.type().startsWith("fence_") ? call.type() : "fence_" + call.type();
    }
}
