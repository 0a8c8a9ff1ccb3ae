package io.raftbeat.agent.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.raftbeat.agent.lsb.LsbAgent;
import io.raftbeat.agent.ocf.OcfAgent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The registry's dispatch: classes by name, Pacemaker's operation names, refusals for what it does not know. */
@Timeout(30)
class ResourceAgentsTest {
    @TempDir
    Path dir;

    private ResourceAgents agents;

    @BeforeEach
    void writeAgents() throws Exception {
        TestScripts.write(dir.resolve("init.d/svc"), "echo \"$1\" >> " + dir.resolve("calls") + "\nexit 0\n");
        TestScripts.write(dir.resolve("ocf/resource.d/test/slow"), "sleep 1000\n");
        agents = new ResourceAgents(
                new AgentPaths(dir.resolve("ocf"), dir.resolve("init.d"), dir, dir, dir.resolve("run")),
                new ProcessRunner(Duration.ofMillis(200)));
    }

    private static AgentCall call(String provider, String type) {
        return new AgentCall("r1", provider, type, Map.of(), Map.of(), 0, Duration.ofMillis(300));
    }

    @Test
    void classesAreFoundByNameInAnyCase() {
        assertTrue(agents.forClass("ocf").orElseThrow() instanceof OcfAgent);
        assertTrue(agents.forClass("LSB").orElseThrow() instanceof LsbAgent);
        assertTrue(agents.forClass("heartbeat").isPresent());
        assertTrue(agents.forClass("stonith").isPresent());
        assertTrue(agents.forClass("systemd").isEmpty());
    }

    @Test
    void anUnknownClassIsNotInstalledAndNamed() {
        AgentResult result = agents.run("upstart", "start", call("", "svc"));
        assertEquals(5, result.rc());
        assertEquals(ExecStatus.NOT_INSTALLED, result.status());
        assertTrue(result.exitReason().contains("'upstart'"), result.exitReason());
    }

    @Test
    void anOperationTheClassLacksIsNotSupported() {
        for (String op : new String[] {"promote", "migrate_to", "reload", "", "status"}) {
            AgentResult result = agents.run("ocf", op, call("test", "slow"));
            assertEquals(3, result.rc(), op);
            assertEquals(ExecStatus.NOT_SUPPORTED, result.status(), op);
            assertTrue(result.exitReason().contains("'" + op + "'"), result.exitReason());
        }
    }

    @Test
    void statusIsTheMonitorOfInitScripts() throws Exception {
        assertEquals(0, agents.run("lsb", "status", call("", "svc")).rc());
        assertEquals(0, agents.run("lsb", "monitor", call("", "svc")).rc());
        assertEquals("status\nstatus\n", Files.readString(dir.resolve("calls")));
    }

    @Test
    void anAgentThatOutlivesItsTimeoutIsATimeoutResult() {
        AgentResult result = agents.run("ocf", "start", call("test", "slow"));
        assertEquals(ExecStatus.TIMEOUT, result.status(), result.toString());
        assertEquals(1, result.rc());
        assertTrue(
                result.exitReason().startsWith("ocf:test:slow: process did not exit within 300 ms"),
                result.exitReason());
        assertEquals(OcfFailure.SOFT, OcfFailure.of(result, 0));
    }
}
