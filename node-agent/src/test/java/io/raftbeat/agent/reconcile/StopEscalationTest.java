package io.raftbeat.agent.reconcile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.raftbeat.agent.exec.AgentPaths;
import io.raftbeat.agent.exec.ProcessRunner;
import io.raftbeat.agent.exec.ResourceAgents;
import io.raftbeat.agent.exec.TestScripts;
import io.raftbeat.agent.monitor.ComplianceWarnings;
import io.raftbeat.proto.v1.OpResult;
import io.raftbeat.proto.v1.ResourceSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The seed's rule with a real Heartbeat-class script whose stop keeps failing: retries, then status decides. */
@Timeout(60)
class StopEscalationTest {
    @TempDir
    Path dir;

    private StopEscalation stops;
    private Path stopsRun;

    @BeforeEach
    void setUp() {
        stopsRun = dir.resolve("stops");
        ResourceAgents agents = new ResourceAgents(
                new AgentPaths(dir, dir, dir.resolve("ha.d"), dir, dir.resolve("run")),
                new ProcessRunner(Duration.ofMillis(200)));
        stops = new StopEscalation(new ResourceExecutor(agents::run, new ComplianceWarnings()));
    }

    /** A heartbeat script whose stop always fails and whose status prints {@code status}. */
    private ResourceSpec stuck(String status, String retries) throws Exception {
        TestScripts.write(
                dir.resolve("ha.d/stuck"),
                "case \"$1\" in\n  stop) echo x >> " + stopsRun + "; echo 'cannot stop' >&2; exit 1 ;;\n"
                        + "  status) echo '" + status + "' ;;\nesac\n");
        ResourceSpec.Builder spec = ResourceSpec.newBuilder()
                .setId("web")
                .setResourceClass("heartbeat")
                .setType("stuck");
        if (retries != null) {
            spec.putMeta("stop-retries", retries);
        }
        return spec.build();
    }

    private int stopsRun() throws Exception {
        return Files.exists(stopsRun) ? Files.readAllLines(stopsRun).size() : 0;
    }

    @Test
    void aStopThatKeepsFailingWhileStatusSaysRunningReportsTheLastFailure() throws Exception {
        OpResult.Builder result = stops.stop(stuck("running", "2"), Duration.ofSeconds(10));
        assertEquals(3, stopsRun(), "one stop and two retries");
        assertEquals(1, result.getRcCode(), result.toString());
        assertEquals(0, result.getOpStatus());
        String reason = result.getExitReason();
        assertTrue(reason.startsWith("stop failed 3 times (rc 1"), reason);
        assertTrue(reason.endsWith("status still reports it running"), reason);
    }

    @Test
    void aFailedStopThatStatusReportsStoppedIsDone() throws Exception {
        OpResult.Builder result = stops.stop(stuck("web is stopped", null), Duration.ofSeconds(10));
        assertEquals(1, stopsRun(), "no retries by default");
        assertEquals(0, result.getRcCode(), result.toString());
        assertEquals(0, result.getOpStatus());
        assertEquals("stop failed 1 time (rc 1), but status reports it stopped", result.getExitReason());
    }

    @Test
    void stopRetriesThatIsNotANumberMeansNone() throws Exception {
        assertEquals(0, StopEscalation.retries(stuck("running", "many")));
        assertEquals(0, StopEscalation.retries(stuck("running", "-3")));
        assertEquals(4, StopEscalation.retries(stuck("running", " 4 ")));
    }
}
