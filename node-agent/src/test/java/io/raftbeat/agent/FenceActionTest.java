package io.raftbeat.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.raftbeat.agent.exec.AgentPaths;
import io.raftbeat.agent.exec.TestScripts;
import io.raftbeat.proto.v1.Action;
import io.raftbeat.proto.v1.OpResult;
import io.raftbeat.proto.v1.ResourceSpec;
import io.raftbeat.testing.MiniCibCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Fence actions through a real store: run at once, even while the device resource's queue is busy with a hanging
 * stop, reported with their action id; a node never fences itself.
 */
@Timeout(120)
class FenceActionTest extends AgentClusterTest {
    private Path fenceDir;
    private Path fenced;

    @Override
    protected AgentPaths paths(String node) throws Exception {
        AgentPaths p = super.paths(node);
        return new AgentPaths(p.ocfRoot(), p.initDir(), p.haResourceDir(), fenceDir(), p.runDir());
    }

    private Path fenceDir() throws Exception {
        if (fenceDir == null) {
            fenceDir = Files.createDirectories(dir.resolve("sbin"));
            fenced = dir.resolve("fenced");
            // Its monitor hangs (keeping the device's queue busy); reboot records the plug it was given.
            TestScripts.write(
                    fenceDir.resolve("fence_lab"),
                    "input=$(cat)\ncase \"$input\" in\n  action=monitor*) sleep 30 ;;\n"
                            + "  action=reboot*) echo \"$input\" | grep '^plug=' >> " + fenced + " ;;\n"
                            + "  *) exit 1 ;;\nesac\n");
        }
        return fenceDir;
    }

    private static Action fence(String node, long transition, ResourceSpec device, String target) {
        return action(node, transition, 0, device, "reboot", 0, 0).toBuilder()
                .setFenceTarget(target)
                .build();
    }

    private OpResult awaitResult(String node, String id) {
        MiniCibCluster.await("a result for " + id, () -> listed(node, id).hasResult());
        return listed(node, id).getResult();
    }

    @Test
    void aFenceActionRunsAtOnceWhileTheDevicesQueueIsBusy() throws Exception {
        startAgent("node1");
        ResourceSpec device = ResourceSpec.newBuilder()
                .setId("lab")
                .setResourceClass("stonith")
                .setType("fence_lab")
                .putParameters("pcmk_host_map", "node2:slot2")
                .build();
        // A start runs the device's monitor, which hangs for 30 s in the device's queue.
        put(action("node1", 1, 0, device, "start", 0, 0));
        put(fence("node1", 2, device, "node2"));
        OpResult result = awaitResult("node1", "2:0");
        assertEquals(0, result.getRcCode(), result.toString());
        assertEquals("reboot", result.getOperation());
        assertEquals("2:0", result.getActionId());
        assertEquals("plug=slot2\n", Files.readString(fenced));
        assertTrue(!listed("node1", "1:0").hasResult(), "the device's start ended before the fence action");
    }

    @Test
    void aNodeDoesNotFenceItself() throws Exception {
        startAgent("node1");
        ResourceSpec device = ResourceSpec.newBuilder()
                .setId("lab")
                .setResourceClass("stonith")
                .setType("fence_lab")
                .build();
        put(fence("node1", 1, device, "node1"));
        OpResult result = awaitResult("node1", "1:0");
        assertEquals(1, result.getRcCode(), result.toString());
        assertTrue(result.getExitReason().contains("a node does not fence itself"), result.getExitReason());
        assertTrue(!Files.exists(fenced), "the device ran");
    }
}
