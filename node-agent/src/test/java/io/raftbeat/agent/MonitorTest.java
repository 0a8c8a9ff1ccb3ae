package io.raftbeat.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.raftbeat.proto.v1.ResourceSpec;
import io.raftbeat.testing.MiniCibCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(180)
class MonitorTest extends AgentClusterTest {
    @Test
    void aProcessKilledBehindTheAgentsBackIsSeenByTheRecurringMonitor() throws Exception {
        startAgent("node1");
        ResourceSpec sleeper = ocf("sleeper", "anything", Map.of("binfile", "sleep", "cmdline_options", "1000"));
        put(action("node1", 1, 0, sleeper, "start", 0, 0), action("node1", 1, 1, sleeper, "monitor", 1000, 0));
        awaitOp("node1", "sleeper_monitor_1000", Map.of("rc-code", "0"));

        Path pidFile = dir.resolve("node1-run").resolve("anything_sleeper.pid");
        long pid = Long.parseLong(Files.readString(pidFile).trim());
        ProcessHandle.of(pid).orElseThrow().destroyForcibly();

        // anything reports a process gone with its pidfile left as rc 1 (generic error), a clean absence as 7.
        MiniCibCluster.await("a failed monitor in status", () -> {
            String rc = op("node1", "sleeper_monitor_1000").getOrDefault("rc-code", "0");
            return rc.equals("1") || rc.equals("7");
        });
        assertEquals("1000", op("node1", "sleeper_monitor_1000").get("interval"));
        awaitOp("node1", "sleeper_last_failure_0", Map.of("operation", "monitor"));
    }

    @Test
    void anAgentStartedAgainResumesTheMonitorsItsPredecessorRan() throws Exception {
        NodeAgent first = startAgent("node1");
        ResourceSpec sleeper = ocf("sleeper", "anything", Map.of("binfile", "sleep", "cmdline_options", "1000"));
        put(action("node1", 1, 0, sleeper, "start", 0, 0), action("node1", 1, 1, sleeper, "monitor", 1000, 0));
        MiniCibCluster.await(
                "the monitor action's result", () -> listed("node1", "1:1").hasResult());
        first.close(); // a crash: the resource keeps running, nobody polls it
        agents.remove(first);

        startAgent("node1");
        int polls = runs("sleeper", "monitor", 1000);
        MiniCibCluster.await("the new agent polls the monitor", () -> runs("sleeper", "monitor", 1000) >= polls + 2);
        long pid = Long.parseLong(Files.readString(dir.resolve("node1-run").resolve("anything_sleeper.pid"))
                .trim());
        ProcessHandle.of(pid).orElseThrow().destroyForcibly();
        MiniCibCluster.await(
                "a failed monitor in status, with no new action", () -> !op("node1", "sleeper_monitor_1000")
                        .getOrDefault("rc-code", "0")
                        .equals("0"));
    }

    @Test
    void healthyMonitorsWriteNothing() throws Exception {
        startAgent("node1");
        ResourceSpec dummy = ocf("d1", "Dummy", Map.of());
        put(action("node1", 1, 0, dummy, "start", 0, 0), action("node1", 1, 1, dummy, "monitor", 1000, 0));
        awaitOp("node1", "d1_monitor_1000", Map.of("rc-code", "0"));
        MiniCibCluster.await(
                "the monitor action's result", () -> listed("node1", "1:1").hasResult());

        long before = revision();
        int polls = runs("d1", "monitor", 1000);
        MiniCibCluster.await("three more polls", () -> runs("d1", "monitor", 1000) >= polls + 3);
        assertEquals(before, revision(), "a healthy monitor's polls must not write");
    }

    @Test
    void aStopCancelsTheResourcesMonitorsFirst() throws Exception {
        startAgent("node1");
        ResourceSpec dummy = ocf("d1", "Dummy", Map.of());
        put(action("node1", 1, 0, dummy, "start", 0, 0), action("node1", 1, 1, dummy, "monitor", 1000, 0));
        awaitOp("node1", "d1_monitor_1000", Map.of("rc-code", "0", "op-status", "0"));
        put(action("node1", 2, 0, dummy, "stop", 0, 0));
        awaitOp("node1", "d1_last_0", Map.of("operation", "stop", "rc-code", "0"));
        // The cancelled monitor's record goes, as Pacemaker deletes a cancelled recurring op's history entry.
        MiniCibCluster.await(
                "no monitor record", () -> op("node1", "d1_monitor_1000").isEmpty());
        int polls = runs("d1", "monitor", 1000);
        Thread.sleep(2500); // two intervals: a cancelled monitor must not poll again
        assertEquals(polls, runs("d1", "monitor", 1000));
    }

    @Test
    void aHeartbeatStatusThatPrintsNothingIsReportedOnceNotOncePerPoll() throws Exception {
        Path script = haDir.resolve("silent");
        Files.writeString(script, "#!/bin/sh\nexit 0\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        NodeAgent agent = startAgent("node1");
        ResourceSpec silent = ResourceSpec.newBuilder()
                .setId("quiet")
                .setResourceClass("heartbeat")
                .setType("silent")
                .build();
        put(action("node1", 1, 0, silent, "monitor", 1000, 7));
        Map<String, String> op = awaitOp("node1", "quiet_monitor_1000", Map.of("rc-code", "7"));
        assertTrue(!op.getOrDefault("exit-reason", "").isEmpty(), "the warning is in exit-reason: " + op);

        MiniCibCluster.await("four polls", () -> runs("quiet", "monitor", 1000) >= 4);
        assertEquals(1, agent.executor().warnings().logged());
    }
}
