package io.raftbeat.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Bad input to crm_attribute, crm_standby, crm_failcount and crm_resource: one line naming it, and exit 64. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ToolUsageErrorsTest {
    private CliRun run(String... args) throws Exception {
        Path cib = Path.of(getClass()
                .getResource("/status/no-fencing-standby-group-failcount.xml")
                .toURI());
        return CliRun.run(Map.of("CIB_file", cib.toString()), args);
    }

    private void usage(String expected, String... args) throws Exception {
        CliRun run = run(args);
        assertEquals(CliFailure.USAGE, run.exitCode(), run.err());
        assertTrue(run.oneErrorLine(), run.err());
        assertTrue(run.err().contains(expected), run.err());
    }

    @Test
    void badArgumentsAreUsageErrors() throws Exception {
        usage("give the attribute's name with -n", "crm_attribute", "-v", "1");
        usage("--lifetime (-l) must be reboot or forever, not 'always'", "crm_attribute", "-n", "a", "-l", "always");
        usage("--lifetime (-l) must be reboot or forever", "crm_standby", "-N", "node1", "-l", "later", "-G");
        usage("resource name required", "crm_failcount", "-N", "node1", "-G");
        usage("give one command: -G (query) or -D (delete)", "crm_failcount", "-r", "d1", "-N", "node1");
        usage("--interval (-I) must be an interval", "crm_failcount", "-r", "d1", "-N", "node1", "-G", "-I", "soon");
        usage("Must supply a resource id with -r", "crm_resource", "--move", "-N", "node1");
        usage(
                "--lifetime (-u) must be an ISO 8601 duration",
                "crm_resource",
                "-B",
                "-r",
                "d1",
                "-N",
                "node2",
                "-u",
                "tomorrow");
        usage("give one command", "crm_resource", "--move", "--ban", "-r", "d1");
    }

    @Test
    void anUnknownSectionNamesTheKnownOnes() throws Exception {
        CliRun run = run("crm_attribute", "-n", "a", "-t", "bogus", "-G");
        assertEquals(76, run.exitCode(), run.err());
        assertTrue(run.err().contains("crm_config, rsc_defaults, op_defaults, nodes, status"), run.err());
    }
}
