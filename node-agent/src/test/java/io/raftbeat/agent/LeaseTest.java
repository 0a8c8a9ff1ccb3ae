package io.raftbeat.agent;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.raftbeat.testing.Requests;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(120)
class LeaseTest extends AgentClusterTest {
    @Test
    void joiningPutsTheNodeOnline() throws Exception {
        startAgent("node1");
        awaitNodeState("node1", Map.of("crmd", "online", "join", "member", "expected", "member"));
    }

    @Test
    void anAgentThatStopsWithoutLeavingIsLostAfterItsLease() throws Exception {
        NodeAgent agent = startAgent("node1");
        awaitNodeState("node1", Map.of("crmd", "online"));
        agent.close(); // as a crash: heartbeats stop, no Leave
        awaitNodeState("node1", Map.of("crmd", "offline", "expected", "member"));
    }

    @Test
    void aCleanStopLeavesTheNodeOfflineAndClean() throws Exception {
        NodeAgent agent = startAgent("node1");
        awaitNodeState("node1", Map.of("crmd", "online"));
        agent.leave();
        awaitNodeState("node1", Map.of("crmd", "offline", "expected", "down"));
    }

    @Test
    void theLeaseSurvivesALeaderChange() throws Exception {
        startAgent("node1");
        awaitNodeState("node1", Map.of("crmd", "online"));
        String old = leaderId();
        cluster.stopMember(old);
        String now = leaderId();
        // The new leader grants a full lease first; heartbeats must find it before that runs out.
        Thread.sleep(3000);
        awaitNodeState("node1", Map.of("crmd", "online"));
        cluster.startMember(old);
        org.junit.jupiter.api.Assertions.assertNotEquals(old, now);
    }

    @Test
    void aNodeDeclaredLostRejoinsAndProbesAgain() throws Exception {
        cluster.cib(leaderId()).apply(Requests.createPrimitive("d")); // ocf:heartbeat:Dummy
        NetworkCut network = new NetworkCut();
        startAgent("node1", List.of(network));
        put(action("node1", 1, 0, ocf("d", "Dummy", Map.of()), "start", 0, 0));
        Map<String, String> started = awaitOp("node1", "d_last_0", Map.of("operation", "start", "rc-code", "0"));

        // A partition: the agent keeps running, but the leader hears no heartbeat for longer than the lease.
        network.cut();
        awaitNodeState("node1", Map.of("crmd", "offline", "expected", "member"));
        network.heal();

        awaitNodeState("node1", Map.of("crmd", "online", "join", "member"));
        // The cluster may have recovered d elsewhere meanwhile: the agent tells it again that d runs here.
        Map<String, String> probed =
                awaitOp("node1", "d_last_0", Map.of("operation", "monitor", "interval", "0", "rc-code", "0"));
        assertTrue(
                Long.parseLong(probed.get("call-id")) > Long.parseLong(started.get("call-id")),
                "probe " + probed + " after start " + started);
    }
}
