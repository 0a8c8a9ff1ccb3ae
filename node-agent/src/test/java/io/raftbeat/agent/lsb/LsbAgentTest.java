package io.raftbeat.agent.lsb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.raftbeat.agent.exec.AbstractResourceAgentTest;
import io.raftbeat.agent.exec.AgentCall;
import io.raftbeat.agent.exec.AgentPaths;
import io.raftbeat.agent.exec.AgentResult;
import io.raftbeat.agent.exec.ExecStatus;
import io.raftbeat.agent.exec.TestScripts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The contract against an LSB init script written here (a {@code sleep} daemon with a pid file), plus Pacemaker's
 * status mapping, the generated meta-data, and a path traversal that must not reach a script outside init.d.
 */
class LsbAgentTest extends AbstractResourceAgentTest {
    private static final String SCRIPT = """
            ### BEGIN INIT INFO
            # Provides:          testsvc
            # Required-Start:    $remote_fs $syslog
            # Required-Stop:     $remote_fs
            # Default-Start:     2 3 4 5
            # Default-Stop:      0 1 6
            # Short-Description: A <test> service
            # Description:       Sleeps in the background
            #                    for the executor tests.
            ### END INIT INFO
            PIDFILE=@PIDFILE@
            running() { [ -f "$PIDFILE" ] && kill -0 "$(cat "$PIDFILE")" 2>/dev/null; }
            case "$1" in
              start) running && exit 0; sleep 1000 >/dev/null 2>&1 & echo $! > "$PIDFILE"; exit 0 ;;
              stop) running && kill "$(cat "$PIDFILE")"; rm -f "$PIDFILE"; exit 0 ;;
              status) running && { echo "testsvc is running"; exit 0; }; echo "testsvc is stopped"; exit 3 ;;
              *) exit 3 ;;
            esac
            """;

    @Override
    protected String resourceClass() {
        return "lsb";
    }

    @Override
    protected AgentPaths paths(Path dir) throws IOException {
        Path initDir = dir.resolve("init.d");
        TestScripts.write(
                initDir.resolve("testsvc"),
                SCRIPT.replace("@PIDFILE@", dir.resolve("testsvc.pid").toString()));
        TestScripts.write(
                initDir.resolve("status-exits"),
                "[ \"$1\" = status ] && exit \"$(cat " + dir + "/code)\"\n" + "exit \"$(cat " + dir + "/code)\"\n");
        return new AgentPaths(dir, initDir, dir, dir, dir.resolve("run"));
    }

    @Override
    protected AgentCall call() {
        return callOfType("testsvc");
    }

    @Override
    protected AgentCall callOfType(String type) {
        return new AgentCall("svc", "", type, Map.of(), Map.of(), 0, Duration.ofSeconds(10));
    }

    private AgentResult runWithExit(String operation, int exitCode) throws IOException {
        Files.writeString(dir.resolve("code"), Integer.toString(exitCode));
        return agents.run("lsb", operation, callOfType("status-exits"));
    }

    @Test
    void statusExitCodesMapAsPacemakerMapsThem() throws IOException {
        int[][] statusToRc = {{0, 0}, {1, 7}, {2, 7}, {3, 7}, {4, 1}, {5, 1}, {150, 5}, {151, 4}, {200, 1}};
        for (int[] pair : statusToRc) {
            assertEquals(pair[1], runWithExit("monitor", pair[0]).rc(), "status exit " + pair[0]);
        }
        assertEquals(7, runWithExit("status", 3).rc(), "status is monitor for lsb");
    }

    @Test
    void otherActionsShareTheOcfCodesUpToSevenAndStoppingAStoppedServiceSucceeds() throws IOException {
        assertEquals(6, runWithExit("start", 6).rc());
        assertEquals(1, runWithExit("start", 8).rc());
        assertEquals(7, runWithExit("start", 7).rc());
        assertEquals(0, runWithExit("stop", 7).rc());
        assertEquals(1, runWithExit("stop", 1).rc());
    }

    @Test
    void metaDataIsGeneratedFromTheLsbHeader() {
        AgentResult result = run("meta-data");
        assertEquals(ExecStatus.DONE, result.status());
        String xml = result.output();
        assertTrue(xml.contains("<resource-agent name=\"testsvc\""), xml);
        assertTrue(xml.contains("<shortdesc lang=\"en\">A &lt;test&gt; service</shortdesc>"), xml);
        assertTrue(xml.contains("Sleeps in the background for the executor tests."), xml);
        assertTrue(xml.contains("<Required-Start>$remote_fs $syslog</Required-Start>"), xml);
        assertTrue(xml.contains("<Default-Stop>0 1 6</Default-Stop>"), xml);
    }

    @Test
    void validateAllIsNotSupported() {
        AgentResult result = run("validate-all");
        assertEquals(3, result.rc());
        assertEquals(ExecStatus.NOT_SUPPORTED, result.status());
    }

    @Test
    void traversalNeverReachesAScriptOutsideTheInitDirectory() throws IOException {
        Path marker = dir.resolve("escaped");
        TestScripts.write(dir.resolve("outside"), "touch " + marker + "\n");
        AgentResult result = agents.run("lsb", "start", callOfType("../outside"));
        assertEquals(2, result.rc(), result.toString());
        assertFalse(Files.exists(marker), "the script outside init.d ran");
    }
}
