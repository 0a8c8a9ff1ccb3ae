package io.raftbeat.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A node agent stopped with SIGTERM moves its resources away before it leaves, as Pacemaker's controller does on
 * shutdown: three real agents and store members, the leader's scheduler placing an ocf:heartbeat:anything running
 * {@code /bin/sleep 3600}; after the SIGTERM the resource runs on another node, the old process is gone, and only one
 * copy runs.
 */
class ShutdownIT {
    private static final Pattern STARTED = Pattern.compile("sleeper\\s.*Started (node\\d)");

    @RegisterExtension
    @Order(1)
    static final StoreCluster cluster = new StoreCluster();

    @RegisterExtension
    @Order(2)
    static final NodeAgents agents = new NodeAgents(cluster::servers, "node1", "node2", "node3");

    private static String crmMon() {
        CliResult mon = Cli.run("crm_mon", cluster.servers(), "-1");
        return mon.ok() ? mon.out() : "crm_mon failed: " + mon;
    }

    /** The node crm_mon shows the resource started on, or null. */
    private static String startedOn() {
        Matcher m = STARTED.matcher(crmMon());
        return m.find() ? m.group(1) : null;
    }

    @Test
    @Timeout(value = 150, unit = TimeUnit.SECONDS)
    void aSigtermedAgentsResourceMovesToAnotherNodeAndRunsOnce() throws Exception {
        Cibs.await(
                "node1-node3 online in crm_mon -1", 60_000, () -> crmMon().contains("Online: [ node1 node2 node3 ]"));
        CliResult fencing =
                Cli.run("crm_attribute", cluster.servers(), "-t", "crm_config", "-n", "stonith-enabled", "-v", "false");
        assertTrue(fencing.ok(), fencing.toString());
        CliResult create = Cli.cibadmin(
                cluster.servers(),
                "-C",
                "-o",
                "resources",
                "-X",
                "<primitive id=\"sleeper\" class=\"ocf\" provider=\"heartbeat\" type=\"anything\">"
                        + "<instance_attributes id=\"sleeper-ia\">"
                        + "<nvpair id=\"sleeper-bin\" name=\"binfile\" value=\"/bin/sleep\"/>"
                        + "<nvpair id=\"sleeper-args\" name=\"cmdline_options\" value=\"3600\"/>"
                        + "</instance_attributes><operations>"
                        + "<op id=\"sleeper-mon\" name=\"monitor\" interval=\"2s\" timeout=\"10s\"/>"
                        + "</operations></primitive>");
        assertTrue(create.ok(), create.toString());
        Cibs.await("the scheduler starts sleeper on a node", 60_000, () -> startedOn() != null);
        String from = startedOn();
        Path pidFile = agents.runDir(from).resolve("anything_sleeper.pid");
        long pid = Long.parseLong(Files.readString(pidFile).strip());
        assertTrue(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "sleep " + pid + " runs");

        assertEquals(0, agents.terminate(from, 80), "a clean stop exits 0");

        Cibs.await("sleep " + pid + " on " + from + " gone", 10_000, () -> ProcessHandle.of(pid)
                .map(p -> !p.isAlive())
                .orElse(true));
        Cibs.await("sleeper started on another node", 30_000, () -> {
            String on = startedOn();
            return on != null && !on.equals(from);
        });
        String to = startedOn();
        assertNotEquals(from, to);
        assertTrue(crmMon().contains("OFFLINE: [ " + from + " ]"), crmMon());
        Cibs.await(
                "one sleep 3600 under the running agents: " + agents.descendants("sleep", "3600"),
                10_000,
                () -> agents.descendants("sleep", "3600").size() == 1);
        long moved = Long.parseLong(Files.readString(agents.runDir(to).resolve("anything_sleeper.pid"))
                .strip());
        assertEquals(moved, agents.descendants("sleep", "3600").get(0).pid(), "the one copy is " + to + "'s");
    }
}
