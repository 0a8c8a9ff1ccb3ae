package io.raftbeat.e2e;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.raftbeat.deploy.Actions;
import io.raftbeat.proto.v1.ResourceSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Three real agents against three real store members, running Debian's ocf:heartbeat:anything: the nodes come
 * online, a resource process killed behind the agent's back is seen by its monitor and the result lands in the
 * status section, and an agent killed with SIGKILL is declared lost once its lease expires.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AgentIT {
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

    private static String status(String xpath) {
        CliResult query = Cli.cibadmin(cluster.servers(), "-Q", "-A", xpath);
        return query.ok() ? query.out() : "";
    }

    @Test
    @Order(1)
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void everyAgentsNodeComesOnline() throws InterruptedException {
        Cibs.await(
                "node1-node3 online in crm_mon -1", 60_000, () -> crmMon().contains("Online: [ node1 node2 node3 ]"));
    }

    @Test
    @Order(2)
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void aKilledResourceProcessIsSeenByTheMonitorAndLandsInStatus() throws Exception {
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
                        + "<op id=\"sleeper-mon\" name=\"monitor\" interval=\"1s\" timeout=\"10s\"/>"
                        + "</operations></primitive>");
        assertTrue(create.ok(), create.toString());
        ResourceSpec sleeper = ResourceSpec.newBuilder()
                .setId("sleeper")
                .setResourceClass("ocf")
                .setProvider("heartbeat")
                .setType("anything")
                .putParameters("binfile", "/bin/sleep")
                .putParameters("cmdline_options", "3600")
                .build();
        try (Actions actions = new Actions(Arrays.asList(cluster.servers().split(",")))) {
            actions.put(
                    Actions.action("node1", 1, 1, sleeper, "start", 0),
                    Actions.action("node1", 1, 2, sleeper, "monitor", 1000));
        }
        String running = "//lrm_rsc_op[@id='sleeper_monitor_1000' and @rc-code='0' and @on_node='node1']";
        Cibs.await("the recurring monitor of sleeper reports it running", 60_000, () -> !status(running)
                .isEmpty());
        assertTrue(crmMon().contains("Started node1"), crmMon());

        Path pidFile = agents.runDir("node1").resolve("anything_sleeper.pid");
        long pid = Long.parseLong(Files.readString(pidFile).strip());
        assertTrue(ProcessHandle.of(pid).map(ProcessHandle::destroyForcibly).orElse(false), "sleep " + pid);

        // anything's monitor says 1 (generic error), not 7: its pid file outlived the process.
        String failed = "//lrm_rsc_op[@id='sleeper_monitor_1000' and @rc-code!='0']";
        Cibs.await("the failed monitor in the status section", 30_000, () -> !status(failed)
                .isEmpty());
        String mon = crmMon();
        assertTrue(mon.contains("Failed Resource Actions:") && mon.contains("sleeper"), mon);
    }

    @Test
    @Order(3)
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void anAgentKilledWithSigkillIsDeclaredLostWhenItsLeaseExpires() throws InterruptedException {
        agents.kill9("node3");
        Cibs.await(
                "node3 offline and unclean in crm_mon -1", 30_000, () -> crmMon().contains("node3: UNCLEAN (offline)"));
        List<String> lines = crmMon().lines().toList();
        assertTrue(lines.stream().anyMatch(l -> l.contains("Online: [ node1 node2 ]")), String.join("\n", lines));
    }
}
