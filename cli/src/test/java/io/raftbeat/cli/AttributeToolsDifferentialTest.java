package io.raftbeat.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our crm_standby, crm_attribute and crm_failcount against Pacemaker 2.1.5's ({@code /usr/sbin}), step by step on
 * copies of the same CIB: output, exit code and the resulting CIB must agree. Fails, rather than skips, where
 * Pacemaker's tools are not installed.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class AttributeToolsDifferentialTest {
    @TempDir
    Path dir;

    private DifferentialSession session() throws Exception {
        return new DifferentialSession(
                dir,
                Path.of(getClass()
                        .getResource("/status/no-fencing-standby-group-failcount.xml")
                        .toURI()));
    }

    @Test
    void crmStandbyMatchesPacemaker() throws Exception {
        DifferentialSession s = session();
        s.step("crm_standby", "-N", "node1", "-v", "on");
        s.step("crm_standby", "-N", "node1", "-G");
        s.step("crm_standby", "-N", "node2", "-G");
        s.step("crm_standby", "-N", "node3", "-G", "-q");
        s.step("crm_standby", "-N", "node1", "-v", "off");
        s.step("crm_standby", "-N", "node2", "-D");
        s.step("crm_standby", "-N", "node2", "-D");
        s.step("crm_standby", "-N", "nodeX", "-v", "on");
        s.step("crm_standby", "-N", "node1", "-l", "reboot", "-v", "on");
        s.step("crm_standby", "-N", "node1", "-l", "reboot", "-G");
        s.step("crm_standby", "-N", "node3", "-l", "reboot", "-G");
        s.step("crm_standby", "--node", "node1", "--delete");
        s.step("crm_standby", "-N", "node1", "-G");
        assertEquals(java.util.List.of(), s.mismatches());
    }

    @Test
    void crmAttributeMatchesPacemaker() throws Exception {
        DifferentialSession s = session();
        s.step("crm_attribute", "-n", "foo", "-v", "bar");
        s.step("crm_attribute", "-n", "foo", "-G");
        s.step("crm_attribute", "-n", "foo", "-G", "-q");
        s.step("crm_attribute", "--name", "stonith-enabled", "--query");
        s.step("crm_attribute", "-n", "stonith-enabled", "-v", "true");
        s.step("crm_attribute", "-n", "foo", "-D");
        s.step("crm_attribute", "-n", "foo", "-D");
        s.step("crm_attribute", "-n", "nope", "-G");
        s.step("crm_attribute", "-n", "nope", "-G", "-d", "dflt");
        s.step("crm_attribute", "-t", "rsc_defaults", "-N", "node1", "-n", "resource-stickiness", "-v", "100");
        s.step("crm_attribute", "-t", "op_defaults", "-N", "node1", "-n", "timeout", "-v", "30s");
        s.step("crm_attribute", "-N", "node3", "-n", "color", "-v", "blue");
        s.step("crm_attribute", "-N", "node3", "-n", "color", "-G");
        s.step("crm_attribute", "-t", "status", "-N", "node3", "-n", "tmp", "-v", "1");
        s.step("crm_attribute", "-N", "node3", "-l", "reboot", "-n", "tmp", "-G");
        s.step("crm_attribute", "-N", "node3", "-t", "nodes", "-n", "x", "-G");
        s.step("crm_attribute", "-n", "a", "-v", "1", "-s", "myset");
        s.step("crm_attribute", "-n", "a", "-G", "-s", "myset");
        s.step("crm_attribute", "-n", "b", "-v", "2", "-i", "myid");
        s.step("crm_attribute", "-n", "b", "-v", "3");
        s.step("crm_attribute", "-N", "node3", "-n", "color", "-D", "-q");
        s.step("crm_attribute", "-N", "nodeX", "-n", "x", "-G");
        s.step("crm_attribute", "-t", "status", "-N", "node1", "-n", "fail-count-d1#start_0", "-v", "3");
        assertEquals(java.util.List.of(), s.mismatches());
    }

    @Test
    void crmFailcountQueriesMatchPacemaker() throws Exception {
        DifferentialSession s = session();
        s.step("crm_failcount", "-r", "d3", "-N", "node1", "-G");
        s.step("crm_failcount", "-r", "d1", "-N", "node1", "-G");
        s.step("crm_failcount", "-r", "dX", "-N", "node1", "-G", "-q");
        s.step("crm_failcount", "-r", "d3", "-N", "node1", "-G", "-n", "monitor", "-I", "10s");
        s.step("crm_failcount", "-r", "d3", "-N", "node1", "-G", "-n", "monitor", "-I", "10000");
        s.step("crm_attribute", "-t", "status", "-N", "node1", "-n", "fail-count-d3#start_0", "-v", "INFINITY");
        s.step("crm_failcount", "-r", "d3", "-N", "node1", "-G");
        s.step("crm_attribute", "-t", "status", "-N", "node2", "-n", "fail-count-d1", "-v", "4");
        s.step("crm_failcount", "-r", "d1", "-N", "node2", "-G");
        assertEquals(java.util.List.of(), s.mismatches());
    }
}
