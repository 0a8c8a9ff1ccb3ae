package io.raftbeat.agent.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.raftbeat.agent.exec.AgentResult;
import io.raftbeat.agent.exec.ExecStatus;
import io.raftbeat.proto.v1.Action;
import io.raftbeat.proto.v1.OpResult;
import io.raftbeat.proto.v1.ResourceSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class OpResultsTest {
    private final ResourceSpec web = ResourceSpec.newBuilder()
            .setId("web")
            .setResourceClass("ocf")
            .setProvider("heartbeat")
            .setType("Dummy")
            .putParameters("state", "/tmp/x")
            .build();

    @Test
    void anActionsResultCarriesItsIdTransitionAndTarget() {
        Action start = Action.newBuilder()
                .setId("3:1")
                .setTransitionId(3)
                .setResource(web)
                .setOperation("start")
                .setTargetRc(0)
                .build();
        AgentResult ran = new AgentResult(1, ExecStatus.ERROR, "failed\nbadly", "out", 42, "");
        OpResult r =
                OpResults.answering(start, OpResults.of(web, "start", 0, ran)).build();
        assertEquals("3:1", r.getActionId());
        assertEquals(3, r.getTransitionId());
        assertEquals(1, r.getRcCode());
        assertEquals(4, r.getOpStatus());
        assertEquals(42, r.getExecTimeMs());
        assertEquals("failed; badly", r.getExitReason());
        assertTrue(r.getResource().getParametersMap().isEmpty(), "parameters stay in the configuration");
        assertEquals("Dummy", r.getResource().getType());
    }

    @Test
    void outputKeepsItsLastFourKilobytes() {
        String big = "x".repeat(100_000) + "the error at the end";
        AgentResult ran = new AgentResult(0, ExecStatus.DONE, "", big, 1, "");
        String kept = OpResults.of(web, "monitor", 0, ran).getOutput();
        assertEquals(OpResults.MAX_OUTPUT_CHARS, kept.length());
        assertTrue(kept.endsWith("the error at the end"));
    }

    @Test
    void aCancelledMonitorHasOpStatusOne() {
        OpResult r = OpResults.cancelled(web, 1000, 0).build();
        assertEquals("monitor", r.getOperation());
        assertEquals(1000, r.getIntervalMs());
        assertEquals(1, r.getOpStatus());
    }
}
