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

/**
 * The environment marker: a daemon that left its action's process group is still found, and killed; the node's
 * cgroup: a daemon started through {@code su -} (no marker, a session of its own) too.
 */
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

    @Test
    void aDaemonStartedThroughSuDashIsFoundInTheCgroupAndKilledThenTheCgroupIsRemoved() throws Exception {
        NodeProcesses node = NodeProcesses.tracked("node7", dir.resolve("run"));
        assertTrue(node.cgroup().isPresent(), "this machine has no writable cgroup2 hierarchy");
        Path cgroup = node.cgroup().get().dir();
        Path pidFile = dir.resolve("daemon.pid");
        // As ocf:heartbeat:anything starts its daemon: su - clears the environment and opens a new session.
        ProcessOutcome outcome = new ProcessRunner(Duration.ofMillis(200), node)
                .run(new ProcessSpec(
                        List.of(
                                "/bin/su",
                                "-",
                                "root",
                                "-c",
                                "nohup sleep 1234 >/dev/null 2>&1 & echo $! > " + pidFile),
                        Map.of("PATH", AgentCommands.PATH),
                        new byte[0],
                        dir,
                        Duration.ofSeconds(10)));
        assertEquals(0, outcome.exitCode(), outcome.toString());
        long daemon = TestScripts.readPid(pidFile, Duration.ofSeconds(5));
        try {
            assertFalse(
                    Files.readString(Path.of("/proc/" + daemon + "/environ")).contains(NodeProcesses.MARKER),
                    "su - kept the marker: this would not test the cgroup");
            assertEquals(cgroup + "\n", Files.readString(dir.resolve("run").resolve(NodeCgroup.RUN_DIR_FILE)));
            assertTrue(node.find().contains(daemon), "daemon not found: " + node.find());
            assertFalse(new NodeProcesses("node7").find().contains(daemon), "found by a marker it does not carry");
            assertFalse(node.find().contains(ProcessHandle.current().pid()), "the agent itself is listed");
            assertTrue(node.killAll() >= 1);
            TestScripts.awaitGone(daemon, Duration.ofSeconds(10));
            node.close();
            assertFalse(Files.exists(cgroup), "the emptied cgroup stays");
        } finally {
            TestScripts.kill(daemon);
            node.killAll();
            node.close();
        }
    }

    @Test
    void aCgroupWithAProcessLeftIsNotRemoved() throws Exception {
        NodeProcesses node = NodeProcesses.tracked("node7", dir.resolve("run"));
        assertTrue(node.cgroup().isPresent(), "this machine has no writable cgroup2 hierarchy");
        Path pidFile = dir.resolve("daemon.pid");
        Path script = TestScripts.write(
                dir.resolve("daemonize"), "sleep 1000 > /dev/null 2>&1 < /dev/null & echo $! > " + pidFile + "\n");
        ProcessOutcome outcome = new ProcessRunner(Duration.ofMillis(200), node)
                .run(new ProcessSpec(
                        List.of(script.toString()),
                        Map.of("PATH", AgentCommands.PATH),
                        new byte[0],
                        dir,
                        Duration.ofSeconds(10)));
        assertEquals(0, outcome.exitCode(), outcome.toString());
        long daemon = TestScripts.readPid(pidFile, Duration.ofSeconds(5));
        try {
            node.close();
            assertTrue(Files.isDirectory(node.cgroup().get().dir()), "removed with a process in it");
            assertTrue(
                    node.cgroup().get().pids().contains(daemon),
                    "not in the cgroup: " + node.cgroup().get().pids());
        } finally {
            node.killAll();
            TestScripts.awaitGone(daemon, Duration.ofSeconds(10));
            node.close();
        }
        assertFalse(Files.exists(node.cgroup().get().dir()), "the emptied cgroup stays");
    }
}
