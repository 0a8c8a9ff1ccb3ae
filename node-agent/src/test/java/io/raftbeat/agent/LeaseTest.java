package io.raftbeat.agent;

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
}
