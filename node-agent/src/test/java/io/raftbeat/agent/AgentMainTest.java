package io.raftbeat.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import picocli.CommandLine;

@Timeout(30)
class AgentMainTest {
    private static AgentOptions parse(String cibServer, String... args) {
        AgentMain main = new AgentMain();
        new CommandLine(main).parseArgs(args);
        return main.options(cibServer, "thishost");
    }

    @Test
    void defaultsAreTheHostNameTheLocalMembersAndTheStandardPaths() {
        AgentOptions o = parse(null);
        assertEquals("thishost", o.node());
        assertEquals(List.of("127.0.0.1:7001", "127.0.0.1:7002", "127.0.0.1:7003"), o.servers());
        assertEquals(Path.of("/var/lib/raftbeat/agent"), o.workDir());
        assertEquals(Duration.ofMillis(1000), o.lease());
        assertEquals(Duration.ofMillis(200), o.heartbeat());
        assertEquals(Path.of("/usr/lib/ocf"), o.paths().ocfRoot());
        assertEquals(Duration.ofSeconds(60), o.shutdownTimeout());
    }

    @Test
    void theShutdownTimeoutTakesPacemakerDurations() {
        assertEquals(
                Duration.ofSeconds(90), parse(null, "--shutdown-timeout", "90").shutdownTimeout());
        assertEquals(
                Duration.ofMinutes(2), parse(null, "--shutdown-timeout", "2min").shutdownTimeout());
        assertEquals(
                Duration.ofSeconds(30),
                parse(null, "--shutdown-timeout", "PT30S").shutdownTimeout());
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> parse(null, "--shutdown-timeout", "soon"));
        assertTrue(e.getMessage().startsWith("--shutdown-timeout: 'soon'"), e.getMessage());
    }

    @Test
    void selfFencingIsOnUnlessTurnedOff() {
        assertTrue(parse(null).selfFence());
        assertTrue(parse(null, "--self-fence").selfFence());
        assertEquals(false, parse(null, "--self-fence=false").selfFence());
        assertEquals(false, parse(null, "--self-fence", "false").selfFence());
    }

    @Test
    void serversComeFromTheFlagElseCibServer() {
        assertEquals(List.of("h:1", "h:2"), parse("h:1, h:2").servers());
        assertEquals(List.of("x:9"), parse("h:1", "--servers", "x:9").servers());
    }

    @Test
    void everyOptionIsTaken() {
        AgentOptions o = parse(
                null,
                "--node",
                "node2",
                "--work-dir",
                "/tmp/w",
                "--lease-ms",
                "2000",
                "--heartbeat-ms",
                "500",
                "--ocf-root",
                "/o",
                "--init-dir",
                "/i",
                "--ha-resource-dir",
                "/h",
                "--fence-dir",
                "/f",
                "--run-dir",
                "/r");
        assertEquals("node2", o.node());
        assertEquals(Duration.ofMillis(2000), o.lease());
        assertEquals(Path.of("/r"), o.paths().runDir());
        assertEquals(Path.of("/h"), o.paths().haResourceDir());
    }

    @Test
    void badValuesAreNamedInOneLine() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> parse(null, "--servers", "nohost"));
        assertTrue(e.getMessage().contains("'nohost' is not host:port"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> parse(null, "--node", "../etc"));
        assertTrue(e.getMessage().startsWith("--node"), e.getMessage());
        e = assertThrows(
                IllegalArgumentException.class, () -> parse(null, "--lease-ms", "300", "--heartbeat-ms", "300"));
        assertTrue(e.getMessage().contains("shorter than --lease-ms"), e.getMessage());
    }

    @Test
    void badOptionsExitWithUsage() {
        PrintStream saved = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true));
        try {
            assertEquals(64, AgentMain.commandLine().execute("--lease-ms", "soon"));
            assertEquals(64, AgentMain.commandLine().execute("--no-such-flag"));
            assertEquals(64, AgentMain.commandLine().execute("--servers", "a:b"));
        } finally {
            System.setErr(saved);
        }
        String[] lines = err.toString().strip().split("\n");
        assertEquals(3, lines.length, err.toString());
        for (String line : lines) {
            assertTrue(line.startsWith("raftbeat-agent: "), line);
        }
    }
}
