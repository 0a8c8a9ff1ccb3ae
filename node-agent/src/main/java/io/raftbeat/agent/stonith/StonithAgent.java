package io.raftbeat.agent.stonith;

import io.raftbeat.agent.exec.AgentCall;
import io.raftbeat.agent.exec.AgentResult;
import io.raftbeat.agent.exec.AgentResults;
import io.raftbeat.agent.exec.ExecStatus;
import io.raftbeat.agent.exec.ProcessRunner;
import io.raftbeat.agent.exec.ResourceAgent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntUnaryOperator;

/**
 * {@code stonith:fence_TYPE}: a fence-agents device as a resource ({@link DeviceRunner} runs the agent). Fencing a
 * node with it is the separate ability {@link FenceDevice}, in {@link StonithFencer}.
 *
 * <p>As in Pacemaker, a fence device resource is "started" when it is registered for use: start runs the agent's
 * monitor and registers the device when it succeeds; stop unregisters it and always succeeds (nothing runs, so a
 * stop can never fail and block fencing); monitor of an unregistered device is 7 (not running) without running
 * anything, of a registered one the agent's monitor (exit 0 → 0, else 1). The registration is a marker file under
 * {@code runDir/stonith}, so that {@code crm_resource --force-check} sees what the node agent started and a
 * rebooted machine (a fresh run directory) starts with nothing registered. Thread-safe.
 */
public final class StonithAgent implements ResourceAgent {
    private final Path registry;
    private final DeviceRunner device;

    public StonithAgent(Path fenceDir, Path runDir, ProcessRunner runner) {
        this.registry = runDir.resolve("stonith");
        this.device = new DeviceRunner(fenceDir, runner);
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
        Optional<AgentResult> bad = DeviceRunner.names(call, true);
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
        Optional<AgentResult> bad = DeviceRunner.names(call, true);
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

    private AgentResult run(
            AgentCall call, String action, boolean needsId, Map<String, String> params, IntUnaryOperator mapping) {
        return device.run(call, action, needsId, null, params, mapping);
    }

    private static String agentFile(AgentCall call) {
        return DeviceRunner.agentFile(call);
    }
}
