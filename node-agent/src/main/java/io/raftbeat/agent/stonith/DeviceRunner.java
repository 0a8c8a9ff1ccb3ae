package io.raftbeat.agent.stonith;

import io.raftbeat.agent.exec.AgentCall;
import io.raftbeat.agent.exec.AgentCommands;
import io.raftbeat.agent.exec.AgentNames;
import io.raftbeat.agent.exec.AgentResult;
import io.raftbeat.agent.exec.AgentResults;
import io.raftbeat.agent.exec.ProcessOutcome;
import io.raftbeat.agent.exec.ProcessRunner;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.IntUnaryOperator;

/**
 * Runs one action of a fence-agents device, {@code FENCEDIR/fence_TYPE} (the type as written, with {@code fence_}
 * prefixed when it lacks it), with {@code key=value} lines on stdin: {@code action=…}, the plug argument when there
 * is one, then the device's parameters, never in argv where any user could read a password. Parameters named
 * {@code pcmk_*} are the cluster's, not the agent's, and are not passed, nor is an {@code action} parameter.
 * Thread-safe.
 */
final class DeviceRunner {
    private final Path fenceDir;
    private final ProcessRunner runner;

    DeviceRunner(Path fenceDir, ProcessRunner runner) {
        this.fenceDir = fenceDir;
        this.runner = runner;
    }

    /**
     * Runs {@code action} of {@code call}'s device with {@code plug} (a {@code name=value} line, or null) and
     * {@code params}; the exit code becomes the rc through {@code mapping}. Refusals (bad names, a line break in a
     * value, a missing agent) and timeouts come back as results, as every executor gives them.
     */
    AgentResult run(
            AgentCall call,
            String action,
            boolean needsId,
            String plug,
            Map<String, String> params,
            IntUnaryOperator mapping) {
        Optional<AgentResult> bad = names(call, needsId).or(() -> values(params));
        if (bad.isPresent()) {
            return bad.get();
        }
        String agent = agentName(call);
        Path script = fenceDir.resolve(agentFile(call));
        Optional<AgentResult> missing = AgentResults.missing(agent, script);
        if (missing.isPresent()) {
            return missing.get();
        }
        byte[] stdin = stdin(action, plug, params).getBytes(StandardCharsets.UTF_8);
        ProcessOutcome outcome = runner.run(AgentCommands.of(List.of(script.toString()), Map.of(), stdin, call));
        return AgentResults.unfinished(agent, outcome).orElseGet(() -> {
            int rc = mapping.applyAsInt(outcome.exitCode());
            AgentResult result = AgentResults.exited(outcome, rc, "");
            if (rc == 0 || !result.exitReason().isEmpty()) {
                return result;
            }
            String reason = agent + " " + action + " failed with exit code " + outcome.exitCode();
            return new AgentResult(rc, result.status(), reason, result.output(), result.execTimeMs(), "");
        });
    }

    /** The agent's stdin: {@code action=…}, the plug line, then the parameters meant for the agent, sorted. */
    static String stdin(String action, String plug, Map<String, String> params) {
        StringBuilder lines = new StringBuilder("action=").append(action).append('\n');
        if (plug != null) {
            lines.append(plug).append('\n');
        }
        new TreeMap<>(params).forEach((k, v) -> {
            if (!k.startsWith("pcmk_") && !k.equals("action")) {
                lines.append(k).append('=').append(v).append('\n');
            }
        });
        return lines.toString();
    }

    /** "stonith:fence_TYPE", as operators name the agent. */
    static String agentName(AgentCall call) {
        return "stonith:" + call.type();
    }

    static String agentFile(AgentCall call) {
        return call.type().startsWith("fence_") ? call.type() : "fence_" + call.type();
    }

    static Optional<AgentResult> names(AgentCall call, boolean needsId) {
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
}
