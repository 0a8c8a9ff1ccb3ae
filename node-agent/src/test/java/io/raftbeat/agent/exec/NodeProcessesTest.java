package io.raftbeat.agent.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The environment marker: a daemon that left its action's process group is still found, and killed. */
@Timeout(60)
class NodeProcessesTest {
    @TempDir
    Path dir;

    @Test
    void aDoubleForkedDaemonCarriesTheMarkerAndIsKilled() throws Exception {
        NodeProcesses node = new NodeProcesses("node7");
        NodeProcesses other = new NodeProcesses("node8");
        ProcessRunner runner = new ProcessRunner(Duration.ofMillis(200), node);
        Path pidFile = dir.resolve("daemon.pid");
        Path env = dir.resolve("env");
        // setsid + background: the sleep leaves the action's session and group, as a daemon does
        Path script = TestScripts.write(
                dir.resolve("daemonize"),
                "env > " + env + "\n(setsid sleep 1000 > /dev/null 2>&1 < /dev/null & echo $! > " + pidFile
                        + ") \nexit 0\n");
        ProcessOutcome outcome = runner.run(new ProcessSpec(
                List.of(script.toString()),
                Map.of("PATH", AgentCommands.PATH),
                new byte[0],
                dir,
                Duration.ofSeconds(10)));
        assertEquals(0, outcome.exitCode(), outcome.toString());
        long daemon = TestScripts.readPid(pidFile, Duration.ofSeconds(5));
        try {
            assertTrue(Files.readAllLines(env).contains("RAFTBEAT_NODE=node7"), Files.readString(env));
            assertTrue(node.find().contains(daemon), "marked daemon not found: " + node.find());
            assertFalse(other.find().contains(daemon), "another node's marker matched");
            assertFalse(node.find().contains(ProcessHandle.current().pid()), "the agent itself is listed");
            assertTrue(node.killAll() >= 1);
            TestScripts.awaitGone(daemon, Duration.ofSeconds(10));
            assertTrue(node.find().stream().allMatch(TestScripts::gone), "left: " + node.find());
        } finally {
            TestScripts.kill(daemon);
        }
    }
}
