package io.raftbeat.agent.ocf;

import io.raftbeat.agent.exec.AbstractResourceAgentTest;
import io.raftbeat.agent.exec.AgentCall;
import io.raftbeat.agent.exec.AgentPaths;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/** The contract against Debian's {@code ocf:heartbeat:Dummy}, its state file kept in the test's run directory. */
class OcfDummyAgentTest extends AbstractResourceAgentTest {
    @Override
    protected String resourceClass() {
        return "ocf";
    }

    @Override
    protected AgentPaths paths(Path dir) {
        return new AgentPaths(Path.of("/usr/lib/ocf"), dir, dir, dir, dir.resolve("run"));
    }

    @Override
    protected AgentCall call() {
        return callOfType("Dummy");
    }

    @Override
    protected AgentCall callOfType(String type) {
        return new AgentCall("rsc1", "heartbeat", type, Map.of(), Map.of(), 0, Duration.ofSeconds(20));
    }
}
