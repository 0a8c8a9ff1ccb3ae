package io.raftbeat.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * crm_resource --move/--ban/--clear against Pacemaker 2.1.5's, step by step on copies of one CIB (constraint ids,
 * XML, warnings, exit codes); and --cleanup, which Pacemaker only rehearses offline ("Dry run: skipping clean-up of
 * RSC on NODE"): the resources and nodes it would clean must be the ones we clean, and the history and fail counts
 * must be gone from our CIB. Fails, rather than skips, where Pacemaker's crm_resource is not installed.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class CrmResourceLocationsDifferentialTest {
    private static final Path PACEMAKER = Path.of("/usr/sbin/crm_resource");

    @TempDir
    Path dir;

    private Path fixture() throws Exception {
        return Path.of(getClass()
                .getResource("/status/no-fencing-standby-group-failcount.xml")
                .toURI());
    }

    @Test
    void moveBanAndClearMatchPacemaker() throws Exception {
        DifferentialSession s = new DifferentialSession(dir, fixture());
        s.step("crm_resource", "-M", "-r", "d1", "-N", "node2");
        s.step("crm_resource", "--move", "-r", "d1", "-N", "node2");
        s.step("crm_resource", "--move", "-r", "d2");
        s.step("crm_resource", "-M", "-r", "d3");
        s.step("crm_resource", "-B", "-r", "d2", "-N", "node3");
        s.step("crm_resource", "--ban", "-r", "d1");
        s.step("crm_resource", "-B", "-r", "d2");
        s.step("crm_resource", "-M", "-r", "g1a", "-N", "node2");
        s.step("crm_resource", "-M", "-r", "dX", "-N", "node2");
        s.step("crm_resource", "-M", "-r", "d1", "-N", "nodeX");
        s.step("crm_resource", "-M", "-r", "g1", "-N", "node1");
        s.step("crm_resource", "-M", "-r", "d2", "-N", "node1", "--lifetime", "PT1H");
        s.step("crm_resource", "-B", "-r", "g1", "-N", "node2", "-u", "P1D");
        s.step("crm_resource", "-B", "-r", "d2", "-N", "node2", "-Q");
        s.step("crm_resource", "-M", "-r", "d2", "-N", "node2");
        s.step("crm_resource", "-U", "-r", "d1", "-N", "node2");
        s.step("crm_resource", "--clear", "-r", "d2");
        s.step("crm_resource", "-U", "-r", "d2");
        s.step("crm_resource", "-U", "-r", "dX");
        s.step("crm_resource", "-U", "-r", "g1", "-N", "nodeX");
        s.step("crm_resource", "-U", "-r", "g1", "-N", "node2");
        s.step("crm_resource", "-U", "-r", "d1");
        assertEquals(List.of(), s.mismatches());
    }

    @Test
    void cleanupCleansWhatPacemakerWouldAndForgetsTheFailures() throws Exception {
        assertTrue(Files.isExecutable(PACEMAKER), "Pacemaker's crm_resource is needed");
        Path cib = dir.resolve("theirs.xml");
        Files.writeString(
                cib, Files.readString(fixture(), StandardCharsets.UTF_8).replace("3.16.2", "3.16.1"));
        for (List<String> args :
                List.of(List.of("-r", "g1"), List.of("-r", "d2"), List.of("-r", "d3", "-N", "node1"))) {
            CliRun theirs = Pacemaker.run(PACEMAKER, cib, concat("--cleanup", args));
            String would = (theirs.out() + theirs.err())
                    .lines()
                    .filter(l -> l.startsWith("Dry run: skipping clean-up of "))
                    .map(l -> "Cleaned up "
                            + l.substring("Dry run: skipping clean-up of ".length())
                                    .replace(" due to CIB_file", ""))
                    .reduce("", (a, b) -> a + b + "\n");
            Path ours = dir.resolve("ours.xml");
            Files.copy(cib, ours, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            CliRun run = ours(ours, concat("--cleanup", args));
            assertEquals(0, run.exitCode(), run.err());
            assertEquals(would, run.out(), "crm_resource --cleanup " + args);
        }
        Path ours = dir.resolve("ours.xml");
        CliRun run = ours(ours, List.of("-C", "-r", "d3", "-N", "node1"));
        assertEquals("Cleaned up d3 on node1\n", run.out());
        String after = Files.readString(ours, StandardCharsets.UTF_8);
        assertFalse(after.contains("<lrm_resource id=\"d3\""), "d3's history is gone");
        assertFalse(after.contains("fail-count-d3"), "d3's fail count is gone");
        assertFalse(after.contains("last-failure-d3"), "d3's last failure is gone");
        assertTrue(after.contains("<lrm_resource id=\"d1\""), "other resources keep their history");
        assertEquals(
                "scope=status  name=fail-count-d3 value=0\n",
                CliRun.run(Map.of("CIB_file", ours.toString()), "crm_failcount", "-r", "d3", "-N", "node1", "-G")
                        .out());
        CliRun missing = ours(ours, List.of("-C", "-r", "dX"));
        assertEquals(105, missing.exitCode());
        assertEquals("crm_resource: Resource 'dX' not found\n", missing.err());
    }

    @Test
    void cleanupOfEverythingForgetsEveryFailureOnly() throws Exception {
        Path ours = dir.resolve("all.xml");
        Files.writeString(
                ours, Files.readString(fixture(), StandardCharsets.UTF_8).replace("3.16.2", "3.16.1"));
        CliRun run = ours(ours, List.of("--cleanup"));
        assertEquals(0, run.exitCode(), run.err());
        assertEquals("Cleaned up all resources on all nodes\n", run.out());
        String after = Files.readString(ours, StandardCharsets.UTF_8);
        assertFalse(after.contains("<lrm_resource id=\"d3\""), "the failed resource's history is gone");
        assertFalse(after.contains("fail-count-"), "every fail count is gone");
        assertTrue(after.contains("<lrm_resource id=\"d1\""), "a resource without failures keeps its history");
    }

    @Test
    void failcountDeleteCleansOneOperationOnly() throws Exception {
        Path ours = dir.resolve("op.xml");
        Files.writeString(
                ours, Files.readString(fixture(), StandardCharsets.UTF_8).replace("3.16.2", "3.16.1"));
        CliRun run = CliRun.run(
                Map.of("CIB_file", ours.toString()),
                "crm_failcount",
                "-D",
                "-r",
                "d3",
                "-N",
                "node1",
                "-n",
                "monitor",
                "-I",
                "10s");
        assertEquals("Cleaned up d3 on node1\n", run.out(), run.err());
        String after = Files.readString(ours, StandardCharsets.UTF_8);
        assertFalse(after.contains("fail-count-d3#monitor_10000"), after);
        assertFalse(after.contains("d3_last_failure_0"), after);
        assertTrue(after.contains("d3_last_0"), "the rest of the history stays");
    }

    private static List<String> concat(String first, List<String> rest) {
        List<String> all = new java.util.ArrayList<>(List.of(first));
        all.addAll(rest);
        return all;
    }

    private static CliRun ours(Path cib, List<String> args) {
        return CliRun.run(
                Map.of("CIB_file", cib.toString()), concat("crm_resource", args).toArray(String[]::new));
    }
}
