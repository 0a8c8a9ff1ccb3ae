package io.raftbeat.agent.stonith;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.raftbeat.agent.exec.AgentCall;
import io.raftbeat.agent.exec.AgentPaths;
import io.raftbeat.agent.exec.AgentResult;
import io.raftbeat.agent.exec.ExecStatus;
import io.raftbeat.agent.exec.ProcessRunner;
import io.raftbeat.agent.exec.ResourceAgents;
import io.raftbeat.agent.exec.TestScripts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** What a fence agent receives (stdin, never argv) and how a failing device monitor keeps it unregistered. */
@Timeout(30)
class StonithAgentTest {
    @TempDir
    Path dir;

    private ResourceAgents agents;

    @BeforeEach
    void writeAgents() throws Exception {
        Path fence = dir.resolve("sbin");
        TestScripts.write(
                fence.resolve("fence_record"),
                "echo \"$# $*\" > " + dir.resolve("argv") + "\ncat > " + dir.resolve("stdin") + "\n");
        TestScripts.write(fence.resolve("fence_broken"), "echo 'Unable to connect to fence device' >&2\nexit 1\n");
        agents = new ResourceAgents(
                new AgentPaths(dir, dir, dir, fence, dir.resolve("run")), new ProcessRunner(Duration.ofMillis(200)));
    }

    private static AgentCall call(String type, Map<String, String> params) {
        return new AgentCall("fencing", "", type, params, Map.of(), 0, Duration.ofSeconds(10));
    }

    @Test
    void parametersGoToStdinAndNeverToArgv() throws Exception {
        Map<String, String> params =
                Map.of("ip", "10.0.0.1", "password", "s3cret", "pcmk_host_list", "node1 node2", "action", "off");
        AgentResult result = agents.run("stonith", "start", call("record", params));
        assertEquals(0, result.rc(), result.toString());
        assertEquals("0 \n", Files.readString(dir.resolve("argv")), "arguments");
        assertEquals("action=monitor\nip=10.0.0.1\npassword=s3cret\n", Files.readString(dir.resolve("stdin")));
        agents.run("stonith", "meta-data", call("fence_record", Map.of()));
        assertEquals("action=metadata\n", Files.readString(dir.resolve("stdin")));
    }

    @Test
    void aValueWithALineBreakIsRefusedBecauseItWouldAddAKey() {
        AgentResult result = agents.run("stonith", "start", call("record", Map.of("ip", "10.0.0.1\naction=off")));
        assertEquals(2, result.rc(), result.toString());
        assertEquals(ExecStatus.ERROR_HARD, result.status());
        assertTrue(!Files.exists(dir.resolve("stdin")), "the agent ran");
    }

    @Test
    void aFailingDeviceMonitorFailsTheStartAndLeavesTheDeviceStopped() {
        AgentResult start = agents.run("stonith", "start", call("fence_broken", Map.of()));
        assertEquals(1, start.rc(), start.toString());
        assertTrue(start.exitReason().contains("exit code 1"), start.exitReason());
        assertTrue(start.output().contains("Unable to connect"), start.output());
        assertEquals(
                7,
                agents.run("stonith", "monitor", call("fence_broken", Map.of())).rc());
    }

    @Test
    void validateAllRefusedByTheAgentIsAConfigurationError() {
        assertEquals(
                6,
                agents.run("stonith", "validate-all", call("fence_broken", Map.of()))
                        .rc());
        assertEquals(
                0,
                agents.run("stonith", "validate-all", call("fence_record", Map.of()))
                        .rc());
    }
}
