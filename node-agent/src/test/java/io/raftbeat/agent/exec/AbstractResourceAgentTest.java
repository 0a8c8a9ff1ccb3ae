package io.raftbeat.agent.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The contract every resource agent class keeps, run against a real agent of that class through the registry as
 * the node agent and crm_resource call it: the start/stop/monitor life cycle (both idempotent), meta-data, a
 * missing agent, unsafe names. One subclass per class and agent.
 */
@Timeout(60)
public abstract class AbstractResourceAgentTest {
    @TempDir
    protected Path dir;

    protected ResourceAgents agents;

    /** The class under test: ocf, lsb, heartbeat, stonith. */
    protected abstract String resourceClass();

    /** Where the agents live; {@code dir} is a fresh temporary directory the subclass may write agents into. */
    protected abstract AgentPaths paths(Path dir) throws IOException;

    /** A call for resource {@code rsc1} whose agent is installed. */
    protected abstract AgentCall call();

    /** {@link #call()} with another agent type (script name). */
    protected abstract AgentCall callOfType(String type);

    @BeforeEach
    void createAgents() throws IOException {
        agents = new ResourceAgents(paths(dir), new ProcessRunner(Duration.ofMillis(500)));
    }

    @AfterEach
    void stopResource() {
        agents.run(resourceClass(), "stop", call());
    }

    protected AgentResult run(String operation) {
        return agents.run(resourceClass(), operation, call());
    }

    protected void assertRc(int rc, String operation) {
        AgentResult result = run(operation);
        assertEquals(rc, result.rc(), operation + " → " + result);
        assertEquals(ExecStatus.DONE, result.status(), operation + " → " + result);
    }

    @Test
    void probeBeforeStartSeesNotRunning() {
        assertRc(7, "monitor");
    }

    @Test
    void startStopAndMonitorFollowTheResourceAndRepeatSafely() {
        assertRc(0, "start");
        assertRc(0, "start");
        assertRc(0, "monitor");
        assertRc(0, "stop");
        assertRc(0, "stop");
        assertRc(7, "monitor");
    }

    @Test
    void metaDataDescribesTheAgent() {
        AgentResult result = run("meta-data");
        assertEquals(0, result.rc(), result.toString());
        assertTrue(result.output().contains("<resource-agent"), result.output());
    }

    @Test
    void missingAgentIsNotInstalled() {
        AgentResult result = agents.run(resourceClass(), "start", callOfType("no-such-agent"));
        assertEquals(5, result.rc(), result.toString());
        assertEquals(ExecStatus.NOT_INSTALLED, result.status());
        assertTrue(result.exitReason().contains("no-such-agent"), result.exitReason());
    }

    @Test
    void unsafeNamesAreRefusedBeforeAnythingRuns() {
        for (String type : List.of("../no-such-agent", "a/b", "..", "", "x y", "/bin/true")) {
            AgentResult result = agents.run(resourceClass(), "start", callOfType(type));
            assertEquals(2, result.rc(), type + " → " + result);
            assertEquals(ExecStatus.ERROR_HARD, result.status(), type + " → " + result);
            assertTrue(result.exitReason().startsWith("invalid "), result.exitReason());
            assertEquals("", result.output());
        }
    }
}
