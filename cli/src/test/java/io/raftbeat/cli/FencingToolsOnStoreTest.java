package io.raftbeat.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.raftbeat.server.StoreMember;
import io.raftbeat.testing.MiniCibCluster;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * stonith_admin and crm_mon against a real store member in this JVM: the fence devices and nodes read from its CIB,
 * and (once the store serves FencingService) a confirmation that shows in the fence history.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class FencingToolsOnStoreTest {
    @TempDir
    static Path dir;

    private static MiniCibCluster cluster;
    private static Map<String, String> env;

    /** One three-member group for the class: the tests only read its CIB. */
    @BeforeAll
    static void startStore() throws Exception {
        cluster = MiniCibCluster.start(dir);
        StoreMember leader = cluster.awaitLeader();
        env = Map.of("CIB_SERVER", leader.options().grpcAddress().toString());
        create("nodes", "<node id=\"node1\" uname=\"node1\" type=\"member\"/>");
        create("nodes", "<node id=\"node2\" uname=\"node2\" type=\"member\"/>");
        create(
                "resources",
                "<primitive id=\"fence-n2\" class=\"stonith\" type=\"fence_dummy\"><instance_attributes id=\"f-ia\">"
                        + "<nvpair id=\"f-l\" name=\"pcmk_host_list\" value=\"node2\"/></instance_attributes></primitive>");
        create("resources", "<primitive id=\"fence-all\" class=\"stonith\" type=\"fence_dummy\"/>");
    }

    @AfterAll
    static void stopStore() {
        if (cluster != null) {
            cluster.close();
        }
    }

    private static void create(String scope, String xml) {
        CliRun run = CliRun.run(env, "cibadmin", "--create", "-o", scope, "-X", xml);
        assertEquals(0, run.exitCode(), xml + ": " + run.err());
    }

    @Test
    void devicesAreListedFromTheStoresCib() {
        assertEquals(
                "fence-n2\nfence-all\n2 fence devices found\n",
                CliRun.run(env, "stonith_admin", "-L").out());
        assertEquals(
                "fence-all\n1 fence device found\n",
                CliRun.run(env, "stonith_admin", "-l", "node1").out());
    }

    @Test
    void aNodeTheStoreDoesNotKnowIsExit105() {
        CliRun run = CliRun.run(env, "stonith_admin", "-B", "node9", "-t", "5");
        assertEquals(StonithAdminCommand.NO_SUCH_NODE, run.exitCode(), run.err());
        assertTrue(run.oneErrorLine() && run.err().contains("node9"), run.err());
    }

    @Test
    void aConfirmationIsDoneAndShowsInTheHistory() {
        CliRun confirm = CliRun.run(env, "stonith_admin", "--confirm", "node2", "-t", "30");
        assertEquals(0, confirm.exitCode(), confirm.err());
        CliRun history = CliRun.run(env, "stonith_admin", "--history", "node2");
        assertEquals(0, history.exitCode(), history.err());
        assertTrue(
                history.out().matches("(?s)\\w+ of node2 successful: client=.*, last-successful='.*'\n1 event found\n"),
                history.out());
        CliRun mon = CliRun.run(env, "crm_mon", "-1");
        assertTrue(mon.out().contains("\nFencing History:\n  * "), mon.out());
        assertTrue(!mon.out().contains("Failed to get fencing history"), mon.out());
    }
}
