package io.raftbeat.agent.heartbeat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.raftbeat.agent.exec.AbstractResourceAgentTest;
import io.raftbeat.agent.exec.AgentCall;
import io.raftbeat.agent.exec.AgentPaths;
import io.raftbeat.agent.exec.AgentResult;
import io.raftbeat.agent.exec.TestScripts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The contract against Heartbeat {@code resource.d} scripts written here: one that keeps its state in the file
 * named by its first argument and whose status exits 1 whatever it prints (the exit code must be ignored), and one
 * whose status prints its first argument, for each output the field report describes.
 */
class HeartbeatAgentTest extends AbstractResourceAgentTest {
    @Override
    protected String resourceClass() {
        return "heartbeat";
    }

    @Override
    protected AgentPaths paths(Path dir) throws IOException {
        Path ha = dir.resolve("resource.d");
        TestScripts.write(ha.resolve("statefile"), """
                case "$2" in
                  start) touch "$1" ;;
                  stop) rm -f "$1" ;;
                  status) if [ -f "$1" ]; then echo "statefile running"; else echo "statefile stopped"; fi; exit 1 ;;
                  *) exit 3 ;;
                esac
                """);
        TestScripts.write(ha.resolve("prints"), "[ \"$2\" = status ] && printf '%s' \"$1\"\nexit 0\n");
        TestScripts.write(ha.resolve("args"), "printf '%s\\n' \"$@\" > " + dir.resolve("argv") + "\n");
        return new AgentPaths(dir, dir, ha, dir, dir.resolve("run"));
    }

    @Override
    protected AgentCall call() {
        return callOfType("statefile");
    }

    @Override
    protected AgentCall callOfType(String type) {
        return call(type, Map.of("1", dir.resolve("state").toString()));
    }

    private static AgentCall call(String type, Map<String, String> params) {
        return new AgentCall("hb", "", type, params, Map.of(), 0, Duration.ofSeconds(10));
    }

    @ParameterizedTest(name = "status printing [{0}] is rc {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "running|0|false",
                "OK|0|false",
                "httpd (pid 123) is running...|0|false",
                "Service is RUNNING|0|false",
                "stopped|7|false",
                "httpd is not running|7|false",
                "Running, stopped in a minute|7|false",
                "''|7|true",
                "ok|7|true",
                "Status: unknown|7|true",
            })
    void statusIsDecidedFromTheOutputAlone(String printed, int rc, boolean warned) {
        AgentResult result = agents.run("heartbeat", "monitor", call("prints", Map.of("1", printed)));
        assertEquals(rc, result.rc(), result.toString());
        assertEquals(warned, !result.complianceWarning().isEmpty(), result.complianceWarning());
        if (warned) {
            String warning = result.complianceWarning();
            assertTrue(warning.startsWith("heartbeat:prints status "), warning);
            assertTrue(
                    warning.contains(printed.isEmpty() ? "printed nothing" : "printed \"" + printed + "\""), warning);
            assertTrue(warning.contains("must print `running` or `OK` when the resource is active"), warning);
        }
    }

    @Test
    void aLongStatusOutputIsQuotedShortenedOnOneLine() {
        String printed = "line one\n" + "x".repeat(500);
        String warning = agents.run("heartbeat", "status", call("prints", Map.of("1", printed)))
                .complianceWarning();
        assertTrue(warning.contains("printed \"line one\\nxxx"), warning);
        assertTrue(warning.length() < 400, warning);
    }

    @Test
    void numberedParametersAreTheArgumentsInNumericOrderWithGapsSkipped() throws IOException {
        Map<String, String> params = Map.of("10", "ten", "2", "two words", "1", "one", "x", "named", "0", "zero");
        assertEquals(0, agents.run("heartbeat", "start", call("args", params)).rc());
        assertEquals("one\ntwo words\nten\nstart\n", Files.readString(dir.resolve("argv")));
    }
}
