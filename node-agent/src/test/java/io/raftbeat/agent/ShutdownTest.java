package io.raftbeat.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.raftbeat.agent.exec.NodeCgroup;
import io.raftbeat.agent.state.ShutdownAttribute;
import io.raftbeat.proto.v1.CibOperation;
import io.raftbeat.proto.v1.CibRequest;
import io.raftbeat.testing.MiniCibCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A clean stop (SIGTERM) as Pacemaker's controller does it: the node is marked shutting down, the leader's scheduler
 * moves its resources away through ordinary actions, and only then does the node leave; a bound keeps a resource the
 * cluster will not move from holding the stop forever; a node that joins again may host resources again.
 */
@Timeout(180)
class ShutdownTest extends AgentClusterTest {
    private static final String RESOURCES = "resources";
    private Duration shutdownTimeout = AgentOptions.DEFAULT_SHUTDOWN_TIMEOUT;

    @Override
    protected AgentOptions options(String node) throws Exception {
        AgentOptions o = super.options(node);
        return new AgentOptions(
                o.node(),
                o.servers(),
                o.workDir(),
                o.lease(),
                o.heartbeat(),
                o.paths(),
                shutdownTimeout,
                o.selfFence());
    }

    @Test
    void aCleanStopMovesTheResourceAwayBeforeTheNodeLeaves() throws Exception {
        apply(
                CibOperation.CIB_MODIFY,
                "crm_config",
                "<cluster_property_set id=\"cib-bootstrap-options\">"
                        + "<nvpair id=\"opt-fencing\" name=\"stonith-enabled\" value=\"false\"/></cluster_property_set>");
        NodeAgent node1 = startAgent("node1");
        NodeAgent node2 = startAgent("node2");
        apply(CibOperation.CIB_CREATE, RESOURCES, dummy("d", ""));
        String[] where = new String[1];
        MiniCibCluster.await("d started by the scheduler", () -> {
            for (String node : new String[] {"node1", "node2"}) {
                if (started(node)) {
                    where[0] = node;
                    return true;
                }
            }
            return false;
        });
        String from = where[0];
        String to = from.equals("node1") ? "node2" : "node1";

        NodeAgent leaving = from.equals("node1") ? node1 : node2;
        Optional<Path> cgroup = leaving.processes().cgroup().map(NodeCgroup::dir);
        cgroup.ifPresent(c -> assertTrue(Files.isDirectory(c), "no cgroup " + c));

        leaving.leave();

        // leave() returned: the resource was stopped here before the node went offline, and runs on the other.
        assertEquals("stop", op(from, "d_last_0").get("operation"), "d stopped on " + from);
        assertEquals("0", op(from, "d_last_0").get("rc-code"));
        assertFalse(Files.exists(dummyState(from)), "Dummy's state file on " + from + " is gone");
        awaitNodeState(from, Map.of("crmd", "offline", "expected", "down"));
        assertTrue(shutdownSet(from), "the node was marked shutting down");
        cgroup.ifPresent(c -> assertFalse(Files.exists(c), "the emptied cgroup " + c + " stays after a clean stop"));
        assertFalse(Files.exists(paths(from).runDir().resolve(NodeCgroup.RUN_DIR_FILE)), "the run dir names a cgroup");
        MiniCibCluster.await("d started on " + to, () -> started(to));

        startAgent(from);
        awaitNodeState(from, Map.of("crmd", "online"));
        assertFalse(shutdownSet(from), "joining again clears shutdown");
    }

    @Test
    void aResourceTheClusterDoesNotMoveHoldsTheStopOnlyUntilTheTimeout() throws Exception {
        shutdownTimeout = Duration.ofSeconds(1);
        apply(
                CibOperation.CIB_CREATE,
                RESOURCES,
                dummy(
                        "d",
                        "<meta_attributes id=\"d-meta\">"
                                + "<nvpair id=\"d-managed\" name=\"is-managed\" value=\"false\"/></meta_attributes>"));
        NodeAgent node1 = startAgent("node1");
        put(action("node1", 1, 0, ocf("d", "Dummy", Map.of()), "start", 0, 0));
        awaitOp("node1", "d_last_0", Map.of("operation", "start", "rc-code", "0"));

        node1.leave();

        awaitNodeState("node1", Map.of("crmd", "offline", "expected", "down"));
        assertTrue(shutdownSet("node1"), "the node was marked shutting down");
        assertEquals("start", op("node1", "d_last_0").get("operation"), "an unmanaged resource is left running");
        assertTrue(Files.exists(dummyState("node1")));
    }

    private boolean started(String node) {
        Map<String, String> last = op(node, "d_last_0");
        return "start".equals(last.get("operation")) && "0".equals(last.get("rc-code"));
    }

    private boolean shutdownSet(String node) {
        String xml = cluster.cib(leaderId())
                .query(CibRequest.newBuilder()
                        .setOperation(CibOperation.CIB_QUERY)
                        .setXpath("/cib/status/node_state[@id='" + node + "']")
                        .build())
                .getXml();
        return ShutdownAttribute.isSet(xml);
    }

    private Path dummyState(String node) throws Exception {
        return paths(node).runDir().resolve("resource-agents").resolve("Dummy-d.state");
    }

    private static String dummy(String id, String meta) {
        return "<primitive id=\"" + id + "\" class=\"ocf\" provider=\"heartbeat\" type=\"Dummy\">" + meta
                + "</primitive>";
    }
}
