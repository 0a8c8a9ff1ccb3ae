package io.raftbeat.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.raftbeat.cib.Cib;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** cibadmin with {@code CIB_file}: the CIB model runs on a file, which is rewritten only by a successful write. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CibFileModeTest {
    private static final String TEST_8 = "<primitive id=\"test_8\" class=\"ocf\" provider=\"heartbeat\" type=\"Dummy\">"
            + "<operations><op id=\"test_8_mon\" interval=\"10s\" name=\"monitor\" timeout=\"20s\"/></operations>"
            + "</primitive>";

    @TempDir
    Path dir;

    private Path file;
    private Map<String, String> env;

    @BeforeEach
    void emptyCib() throws IOException {
        file = dir.resolve("cib.xml");
        Files.writeString(file, Cib.empty().toXml(), StandardCharsets.UTF_8);
        // CIB_SERVER names nothing reachable: CIB_file alone must decide where the CIB is.
        env = Map.of("CIB_file", file.toString(), "CIB_SERVER", "127.0.0.1:1");
    }

    private CliRun cibadmin(String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "cibadmin";
        System.arraycopy(args, 0, all, 1, args.length);
        return CliRun.run(env, all);
    }

    private String content() throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8);
    }

    @Test
    void queryPrintsTheFilesCib() {
        CliRun run = cibadmin("-Q");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().startsWith("<cib"), run.out());
        assertTrue(run.out().contains("<resources/>"), run.out());
    }

    @Test
    void createIsWrittenBackAndBumpsTheEpoch() throws IOException {
        String epochBefore = attribute(content(), "epoch");
        CliRun run = cibadmin("-C", "-o", "resources", "-X", TEST_8);
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().isEmpty(), "a write prints nothing: " + run.out());
        assertTrue(content().contains("id=\"test_8\""), content());
        assertEquals(Integer.parseInt(epochBefore) + 1, Integer.parseInt(attribute(content(), "epoch")));
    }

    @Test
    void seedUpdateChangesTheMonitorOp() throws IOException {
        assertEquals(0, cibadmin("-C", "-o", "resources", "-X", TEST_8).exitCode());
        CliRun run = cibadmin(
                "-U",
                "-o",
                "resources",
                "-X",
                "<op id=\"test_8_mon\" interval=\"1s\" name=\"monitor\" timeout=\"2s\"/>");
        assertEquals(0, run.exitCode(), run.err());
        CliRun op = cibadmin("-Q", "-A", "//op[@id='test_8_mon']");
        assertEquals(0, op.exitCode(), op.err());
        assertTrue(op.out().contains("interval=\"1s\"") && op.out().contains("timeout=\"2s\""), op.out());
    }

    @Test
    void refusedCreateLeavesTheFileUntouched() throws IOException {
        assertEquals(0, cibadmin("-C", "-o", "resources", "-X", TEST_8).exitCode());
        String before = content();
        CliRun run = cibadmin("-C", "-o", "resources", "-X", TEST_8);
        assertEquals(108, run.exitCode(), run.err());
        assertTrue(run.oneErrorLine() && run.err().startsWith("Call failed: "), run.err());
        assertEquals(before, content());
    }

    @Test
    void malformedXmlIsDataErrorAndChangesNothing() throws IOException {
        String before = content();
        CliRun run = cibadmin("-C", "-o", "resources", "-X", "<primitive id=\"broken\"");
        assertEquals(65, run.exitCode(), run.err());
        assertTrue(run.oneErrorLine(), run.err());
        assertEquals(before, content());
    }

    @Test
    void xpathMatchingNothingIsNoSuchObject() {
        CliRun run = cibadmin("-Q", "-A", "//primitive[@id='nothere']");
        assertEquals(105, run.exitCode(), run.err());
        assertTrue(run.oneErrorLine(), run.err());
    }

    @Test
    void missingFileIsNoSuchObjectNamingTheFile() throws IOException {
        Files.delete(file);
        CliRun run = cibadmin("-Q");
        assertEquals(105, run.exitCode());
        assertTrue(run.oneErrorLine() && run.err().contains(file.toString()), run.err());
    }

    private static String attribute(String xml, String name) {
        int tag = xml.indexOf("<cib");
        int at = xml.indexOf(" " + name + "=\"", tag) + name.length() + 3;
        return xml.substring(at, xml.indexOf('"', at));
    }
}
