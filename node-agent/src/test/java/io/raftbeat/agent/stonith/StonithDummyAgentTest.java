package io.raftbeat.agent.stonith;

import io.raftbeat.agent.exec.AbstractResourceAgentTest;
import io.raftbeat.agent.exec.AgentCall;
import io.raftbeat.agent.exec.AgentPaths;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/** The contract against fence-agents' {@code fence_dummy}: start registers the device, stop unregisters it. */
class StonithDummyAgentTest extends AbstractResourceAgentTest {
    @Override
    protected String resourceClass() {
        return "stonith";
    }

    @Override
    protected AgentPaths paths(Path dir) {
        return new AgentPaths(dir, dir, dir, Path.of("/usr/sbin"), dir.resolve("run"));
    }

    @Override
    protected AgentCall call() {
        return callOfType("fence_dummy");
    }

    @Override
    protected AgentCall callOfType(String type) {
        Map<String, String> params =
                Map.of("type", "file", "status_file", dir.resolve("power").toString());
        return new AgentCall("fencer", "", type, params, Map.of(), 0, Duration.ofSeconds(20));
    }
}
