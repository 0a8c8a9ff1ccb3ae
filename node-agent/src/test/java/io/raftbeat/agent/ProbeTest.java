package io.raftbeat.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.raftbeat.agent.exec.AgentCall;
import io.raftbeat.agent.exec.AgentResult;
import io.raftbeat.agent.exec.ResourceAgents;
import io.raftbeat.testing.Requests;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(120)
class ProbeTest extends AgentClusterTest {
    @Test
    void probesAtStartUpReportWhatAlreadyRunsHere() throws Exception {
        cluster.cib(leaderId()).apply(Requests.createPrimitive("up")); // ocf:heartbeat:Dummy
        cluster.cib(leaderId()).apply(Requests.createPrimitive("down"));
        // Started behind the cluster's back, as a service left running by an agent that restarted.
        AgentResult started = new ResourceAgents(paths("node1"))
                .run(
                        "ocf",
                        "start",
                        new AgentCall("up", "heartbeat", "Dummy", Map.of(), Map.of(), 0, Duration.ofSeconds(20)));
        assertEquals(0, started.rc(), started.toString());

        startAgent("node1");
        // start() returns once the probes are queued for the store, not necessarily committed.
        Map<String, String> up = awaitOp("node1", "up_last_0", Map.of("operation", "monitor", "rc-code", "0"));
        Map<String, String> down = awaitOp("node1", "down_last_0", Map.of("operation", "monitor", "rc-code", "7"));
        assertEquals("0", up.get("interval"));
        assertEquals("0", down.get("op-status"));
    }
}
