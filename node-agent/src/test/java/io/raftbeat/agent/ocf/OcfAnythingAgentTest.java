package io.raftbeat.agent.ocf;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.raftbeat.agent.exec.AbstractResourceAgentTest;
import io.raftbeat.agent.exec.AgentCall;
import io.raftbeat.agent.exec.AgentPaths;
import io.raftbeat.agent.exec.AgentResult;
import io.raftbeat.agent.exec.OcfFailure;
import io.raftbeat.agent.exec.TestScripts;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The contract against Debian's {@code ocf:heartbeat:anything} running {@code sleep}, and a resource process that
 * dies behind the agent's back (anything reports that as a failure, rc 1, until stopped; then 7).
 */
class OcfAnythingAgentTest extends AbstractResourceAgentTest {
    @Override
    protected String resourceClass() {
        return "ocf";
    }

    @Override
    protected AgentPaths paths(Path dir) {
        return new AgentPaths(Path.of("/usr/lib/ocf"), dir, dir, dir, dir.resolve("run"));
    }

    @Override
    protected AgentCall call() {
        return callOfType("anything");
    }

    @Override
    protected AgentCall callOfType(String type) {
        Map<String, String> params = Map.of("binfile", "/bin/sleep", "cmdline_options", "1000");
        return new AgentCall("sleeper", "heartbeat", type, params, Map.of(), 0, Duration.ofSeconds(20));
    }

    @Test
    void processKilledBehindTheAgentsBackMonitorsAsNotRunning() throws Exception {
        assertRc(0, "start");
        long pid = TestScripts.readPid(dir.resolve("run/anything_sleeper.pid"), Duration.ofSeconds(5));
        assertRc(0, "monitor");
        TestScripts.kill(pid);
        // anything checks the pid with kill -0, which a zombie still passes: wait until it is reaped
        TestScripts.awaitGone(pid, Duration.ofSeconds(20), true);
        // anything says 1 (a failure), not 7, while its pid file outlives the process: it died, it was not stopped
        AgentResult died = run("monitor");
        assertEquals(1, died.rc(), died.toString());
        assertEquals(OcfFailure.SOFT, OcfFailure.of(died, 0));
        assertRc(0, "stop");
        assertRc(7, "monitor");
    }
}
