package io.raftbeat.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The reasons {@code crm_resource --why} adds to Pacemaker's: bans, fail counts at the threshold, node states. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ResourceWhyTest {
    private static final String FIXTURE = "failcounts-bans-unmanaged-disabled.xml";

    @Test
    void aFailCountAtMigrationThresholdKeepsTheResourceOffThatNode() throws Exception {
        assertEquals(
                List.of(
                        "Resource moved is not running on host node1",
                        "'moved' cannot run on node1: its fail count 2 reached migration-threshold=2"),
                why("-r", "moved", "-N", "node1"));
    }

    @Test
    void aMinusInfinityLocationConstraintIsNamed() throws Exception {
        assertEquals(
                List.of(
                        "Resource banned is running",
                        "'banned' cannot run on node1: location constraint cli-ban-banned-on-node1 bans it"),
                why("-r", "banned"));
        assertEquals(
                List.of("Resource run is running", "'run' cannot run on node2: location constraint loc-rule bans it"),
                whyIn("member-meta-and-rule-ban.xml", "-r", "run"));
    }

    @Test
    void aStartFailureIsAnInfiniteFailCount() throws Exception {
        assertTrue(
                why("-r", "startfail")
                        .contains(
                                "'startfail' cannot run on node2: its fail count INFINITY reached migration-threshold=INFINITY"));
    }

    @Test
    void nodeStatesExplainAStoppedResourceOrTheNodeAskedAbout() throws Exception {
        List<String> stopped = why("-r", "grp");
        assertEquals(
                List.of(
                        "Resource grp is not running",
                        "Configuration specifies 'grp' should remain stopped",
                        "'ga' cannot run on node3: the node is in standby",
                        "'ga' cannot run on node4: the node is offline",
                        "'gb' cannot run on node3: the node is in standby",
                        "'gb' cannot run on node4: the node is offline"),
                stopped);
        assertEquals(List.of("Resource run is running"), why("-r", "run"));
        assertEquals(
                List.of(
                        "Resource run is not running on host node3",
                        "'run' cannot run on node3: the node is in standby"),
                why("-r", "run", "-N", "node3"));
    }

    @Test
    void anExpiredFailCountIsNoReason() throws Exception {
        List<String> lines = why("-r", "expired", "-N", "node1");
        assertEquals(List.of("Resource expired is running on host node1"), lines);
        assertFalse(why("-r", "twoops", "-N", "node1").stream().anyMatch(l -> l.contains("cannot run")));
    }

    @Test
    void anUnknownNodeIsExit105() throws Exception {
        CliRun run = CliRun.run(Map.of("CIB_file", fixture(FIXTURE)), "crm_resource", "--why", "-N", "node9");
        assertEquals(105, run.exitCode());
        assertEquals("crm_resource: Node 'node9' not found", run.err().strip());
    }

    private static List<String> why(String... args) throws Exception {
        return whyIn(FIXTURE, args);
    }

    private static List<String> whyIn(String file, String... args) throws Exception {
        String[] command = new String[args.length + 2];
        command[0] = "crm_resource";
        command[1] = "--why";
        System.arraycopy(args, 0, command, 2, args.length);
        CliRun run = CliRun.run(Map.of("CIB_file", fixture(file)), command);
        assertEquals(0, run.exitCode(), run.err());
        return run.out().lines().toList();
    }

    private static String fixture(String name) throws URISyntaxException {
        return Path.of(ResourceWhyTest.class.getResource("/status/" + name).toURI())
                .toString();
    }
}
