package io.raftbeat.e2e;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Three real agents against three real store members: the nodes come online, and an agent killed with SIGKILL is
 * declared lost once its lease expires. (What the agents do with resources is RecoveryIT's.)
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
