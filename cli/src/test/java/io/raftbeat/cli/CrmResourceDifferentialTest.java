package io.raftbeat.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our crm_resource against Pacemaker's own ({@code /usr/sbin/crm_resource}) offline: {@code --list} and
 * {@code --locate} on the status fixtures, and {@code --force-*} running the real {@code ocf:heartbeat:Dummy} with a
 * state file in a temporary directory, each tool on its own file. Output and exit codes must agree; for a missing
 * resource only the exit code is compared (Pacemaker adds a second line, "Error performing operation: No such
 * object", where we print one). Fails, rather than skips, where Pacemaker's crm_resource is not installed.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class CrmResourceDifferentialTest {
    private static final Path PACEMAKER = Path.of("/usr/sbin/crm_resource");
    private static final List<List<String>> QUERIES = List.of(
            List.of("--list"),
            List.of("-L"),
            List.of("--locate", "-r", "d1"),
            List.of("-W", "-r", "d2"),
            List.of("-W", "-r", "d3"),
            List.of("-W", "-r", "g1"),
            List.of("-W", "-r", "g1b"));

    @TempDir
    Path dir;

    @Test
    void listAndLocateMatchPacemaker() throws Exception {
        assertTrue(
                Files.isExecutable(PACEMAKER),
                "Pacemaker's crm_resource is needed: apt-get install pacemaker-cli-utils");
        List<String> mismatches = new ArrayList<>();
        for (Path cib :
                List.of(fixture("no-fencing-standby-group-failcount.xml"), fixture("resource-on-unclean-node.xml"))) {
            for (List<String> args : QUERIES) {
                compare(
                        cib.getFileName() + " " + args,
                        Pacemaker.run(PACEMAKER, cib, args),
                        ours(cib, args),
                        true,
                        mismatches);
            }
            List<String> missing = List.of("-W", "-r", "nothere");
            CliRun ours = ours(cib, missing);
            compare(missing.toString(), Pacemaker.run(PACEMAKER, cib, missing), ours, false, mismatches);
            assertTrue(ours.oneErrorLine() && ours.err().contains("Resource 'nothere' not found"), ours.err());
        }
        assertEquals(List.of(), mismatches);
    }

    @Test
    void forcedOperationsOnDummyMatchPacemaker() throws Exception {
        assertTrue(
                Files.isExecutable(PACEMAKER),
                "Pacemaker's crm_resource is needed: apt-get install pacemaker-cli-utils");
        Path theirState = dir.resolve("theirs.state");
        Path ourState = dir.resolve("ours.state");
        Path theirs = dummyCib("theirs.xml", theirState);
        Path ours = dummyCib("ours.xml", ourState);
        List<String> mismatches = new ArrayList<>();
        for (String op : List.of("--force-check", "--force-start", "--force-check", "--force-stop", "--force-check")) {
            List<String> args = List.of(op, "-r", "d1");
            compare(op, Pacemaker.run(PACEMAKER, theirs, args), ours(ours, args), true, mismatches);
            if (op.equals("--force-start")) {
                assertTrue(Files.exists(ourState), "the real Dummy agent ran and wrote its state file");
            }
        }
        assertFalse(Files.exists(ourState), "the forced stop removed the state file");
        List<String> missingAgent = List.of("--force-start", "-r", "missing");
        assertEquals(
                Pacemaker.run(PACEMAKER, theirs, missingAgent).exitCode(),
                ours(ours, missingAgent).exitCode(),
                "an agent that is not installed");
        assertEquals(List.of(), mismatches);
    }

    private Path dummyCib(String name, Path state) throws Exception {
        String cib = "<cib crm_feature_set=\"3.16.2\" validate-with=\"pacemaker-3.9\" epoch=\"1\" num_updates=\"0\""
                + " admin_epoch=\"0\"><configuration><crm_config/><nodes/><resources>"
                + "<primitive id=\"d1\" class=\"ocf\" provider=\"heartbeat\" type=\"Dummy\">"
                + "<instance_attributes id=\"d1-ia\"><nvpair id=\"d1-state\" name=\"state\" value=\"" + state
                + "\"/></instance_attributes></primitive>"
                + "<primitive id=\"missing\" class=\"ocf\" provider=\"heartbeat\" type=\"NoSuchAgentHere\"/>"
                + "</resources><constraints/></configuration><status/></cib>";
        Path file = dir.resolve(name);
        Files.writeString(file, cib, StandardCharsets.UTF_8);
        return file;
    }

    private static void compare(String what, CliRun theirs, CliRun ours, boolean output, List<String> mismatches) {
        if (theirs.exitCode() != ours.exitCode()) {
            mismatches.add(what + ": Pacemaker exit " + theirs.exitCode() + ", ours " + ours.exitCode() + " ("
                    + ours.err().strip() + ")");
        } else if (output && !theirs.out().equals(ours.out())) {
            mismatches.add(what + ":\n--- Pacemaker:\n" + theirs.out() + "--- ours:\n" + ours.out());
        } else if (output && !lastErrorLine(theirs).equals(lastErrorLine(ours))) {
            mismatches.add(what + ": Pacemaker said " + theirs.err() + ", ours " + ours.err());
        }
    }

    /** Pacemaker may log scheduler warnings to stderr first; the command's own message is its last line. */
    private static String lastErrorLine(CliRun run) {
        List<String> lines = run.err().strip().lines().toList();
        return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
    }

    private static Path fixture(String name) throws Exception {
        return Path.of(
                CrmResourceDifferentialTest.class.getResource("/status/" + name).toURI());
    }

    private static CliRun ours(Path cib, List<String> args) {
        List<String> all = new ArrayList<>(List.of("crm_resource"));
        all.addAll(args);
        return CliRun.run(Map.of("CIB_file", cib.toString()), all.toArray(String[]::new));
    }
}
