package io.raftbeat.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.raftbeat.proto.v1.Action;
import io.raftbeat.proto.v1.ResourceSpec;
import io.raftbeat.testing.MiniCibCluster;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(180)
class ActionsTest extends AgentClusterTest {
    @Test
    void aStartActionRunsTheAgentAndItsResultLandsInStatusAndOnTheAction() throws Exception {
        startAgent("node1");
        ResourceSpec dummy = ocf("d1", "Dummy", Map.of());
        put(action("node1", 1, 0, dummy, "start", 0, 0));
        Map<String, String> op = awaitOp("node1", "d1_last_0", Map.of("operation", "start", "rc-code", "0"));
        assertEquals("0", op.get("op-status"));
        MiniCibCluster.await("the action's result", () -> listed("node1", "1:0").hasResult());
        Action done = listed("node1", "1:0");
        assertEquals(0, done.getResult().getRcCode());
        assertEquals("1:0", done.getResult().getActionId());
        assertEquals(1, runs("d1", "start", 0));
    }

    @Test
    void actionsWrittenAfterTheWatchStreamIsCutRunExactlyOnce() throws Exception {
        startAgent("node1");
        ResourceSpec a = ocf("a", "Dummy", Map.of());
        ResourceSpec b = ocf("b", "Dummy", Map.of());
        put(action("node1", 1, 0, a, "start", 0, 0));
        awaitOp("node1", "a_last_0", Map.of("operation", "start", "rc-code", "0"));

        // The agent watches the first member it was given: stopping it cuts the stream (and may move the leader).
        cluster.stopMember("store1");
        put(action("node1", 2, 0, a, "stop", 0, 0), action("node1", 2, 1, b, "start", 0, 0));
        awaitOp("node1", "a_last_0", Map.of("operation", "stop", "rc-code", "0"));
        awaitOp("node1", "b_last_0", Map.of("operation", "start", "rc-code", "0"));

        cluster.startMember("store1");
        cluster.stopMember("store2");
        put(action("node1", 3, 0, b, "stop", 0, 0));
        awaitOp("node1", "b_last_0", Map.of("operation", "stop", "rc-code", "0"));
        MiniCibCluster.await(
                "every result recorded", () -> listed("node1", "3:0").hasResult());

        assertEquals(1, runs("a", "start", 0));
        assertEquals(1, runs("a", "stop", 0));
        assertEquals(1, runs("b", "start", 0));
        assertEquals(1, runs("b", "stop", 0));
    }
}
