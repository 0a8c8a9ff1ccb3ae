package io.raftbeat.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.raftbeat.bench.LiveProcesses;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Fencing with real processes: the local cluster's fence agent ({@code fence_raftbeat_local}) run by the leader's
 * fencer through another node's agent. A stop that fails while status still says running reboots the node, one whose
 * status says stopped does not; a node whose agent dies is fenced before its resources move; a device that fails or
 * hangs is escalated past; an agent cut off from the store stops its resources itself before they start elsewhere.
 * Every check of where a resource runs looks at its processes, never at the CIB, and a watcher checks they never ran
 * on two nodes at once.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class FencingIT {
    private static final Path SCRIPTS = heartbeatScripts();
    private static final List<String> NODES = List.of("node1", "node2", "node3");

    @RegisterExtension
    @Order(1)
    static final StoreCluster cluster = new StoreCluster();

    @RegisterExtension
    @Order(2)
    static final NodeAgents agents = new NodeAgents(
            cluster::servers, List.of("--ha-resource-dir", SCRIPTS.toString()), "node1", "node2", "node3");

    /**
     * {@code hbdaemon TAG MODE ACTION}, a Heartbeat-class script: start runs {@code sleep TAG} in its own session
     * (keeping the agent's RAFTBEAT_NODE marker, which tells the test where it runs); stop kills it, except that in
     * MODE {@code stuck} it fails and leaves it running, in MODE {@code flaky} it kills it and still fails; status
     * prints what is true.
     */
    private static Path heartbeatScripts() {
        try {
            Path dir = Files.createTempDirectory("raftbeat-fencing-scripts-");
            ScriptDirs.executable(
                    dir.resolve("hbdaemon"),
                    "#!/bin/sh\n"
                            + "pidfile=\"" + dir + "/$1.${RAFTBEAT_NODE:?}.pid\"\n"
                            + "pid=$(cat \"$pidfile\" 2>/dev/null)\n"
                            + "case \"$3\" in\n"
                            + "  start) if [ -n \"$pid\" ] && kill -0 \"$pid\" 2>/dev/null; then exit 0; fi\n"
                            + "         setsid sleep \"$1\" </dev/null >/dev/null 2>&1 &\n"
                            + "         echo $! > \"$pidfile\"; exit 0 ;;\n"
                            + "  stop) if [ \"$2\" != stuck ] && [ -n \"$pid\" ]; then kill \"$pid\"; fi\n"
                            + "        if [ \"$2\" = good ]; then exit 0; fi\n"
                            + "        echo \"hbdaemon: cannot stop\"; exit 1 ;;\n"
                            + "  status) if [ -n \"$pid\" ] && kill -0 \"$pid\" 2>/dev/null; then echo running;"
                            + " else echo stopped; fi; exit 0 ;;\n"
                            + "  *) exit 0 ;;\n"
                            + "esac\n");
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @BeforeAll
    static void enableFencing() throws Exception {
        Cibs.await("three nodes online", 60_000, () -> Cli.run("crm_mon", servers(), "-1")
                .out()
                .contains("Online: [ node1 node2 node3 ]"));
        ok(Cli.run("crm_attribute", servers(), "-t", "crm_config", "-n", "stonith-enabled", "-v", "true"));
        create(device(
                "fence-local",
                "fence_raftbeat_local",
                nvpair("fence-local", "run_dir", agents.dir().toString())
                        + nvpair("fence-local", "pcmk_host_list", String.join(" ", NODES))));
    }

    private static String servers() {
        return cluster.servers();
    }

    private static CliResult ok(CliResult r) {
        assertTrue(r.ok(), r.toString());
        return r;
    }

    private static void create(String xml) {
        ok(Cli.cibadmin(servers(), "-C", "-o", "resources", "-X", xml));
    }

    private static String device(String id, String type, String params) {
        return "<primitive id=\"" + id + "\" class=\"stonith\" type=\"" + type + "\"><instance_attributes id=\"" + id
                + "-ia\">" + params + "</instance_attributes></primitive>";
    }

    private static String nvpair(String owner, String name, String value) {
        return "<nvpair id=\"" + owner + "-" + name + "\" name=\"" + name + "\" value=\"" + value + "\"/>";
    }

    private static String hbdaemon(String id, String tag, String mode) {
        return "<primitive id=\"" + id + "\" class=\"heartbeat\" type=\"hbdaemon\"><instance_attributes id=\"" + id
                + "-ia\">" + nvpair(id, "1", tag) + nvpair(id, "2", mode) + "</instance_attributes><operations>"
                + "<op id=\"" + id
                + "-mon\" name=\"monitor\" interval=\"2s\" timeout=\"10s\"/></operations></primitive>";
    }

    /** Creates the resource with a preference for {@code node} and waits until its process runs there. */
    private static void startOn(String xml, String id, String tag, String node) throws InterruptedException {
        create(xml);
        ok(Cli.cibadmin(
                servers(),
                "-C",
                "-o",
                "constraints",
                "-X",
                "<rsc_location id=\"" + id + "-prefers\" rsc=\"" + id + "\" node=\"" + node + "\" score=\"200\"/>"));
        awaitRunning(tag, Set.of(node));
    }

    /** Waits until one process {@code sleep TAG} runs, started by the agent of one of {@code nodes}; returns it. */
    private static String awaitRunning(String tag, Set<String> nodes) throws InterruptedException {
        String[] on = new String[1];
        Cibs.await("sleep " + tag + " running on one of " + nodes, 90_000, () -> {
            List<Long> pids = LiveProcesses.running("sleep", tag);
            on[0] = pids.size() == 1 ? LiveProcesses.node(pids.get(0)) : "";
            return nodes.contains(on[0]);
        });
        return on[0];
    }

    private static void awaitAllOnline() throws InterruptedException {
        Cibs.await("node1 node2 node3 online again", 90_000, () -> Cli.run("crm_mon", servers(), "-1")
                .out()
                .contains("Online: [ node1 node2 node3 ]"));
    }

    /** The event log's summaries, in revision order. */
    private static List<String> events() {
        return ok(Cli.raftbeat(servers(), "events")).out().lines().toList();
    }

    /** The index of the first event after {@code from} that contains every one of {@code texts}. */
    private static int after(List<String> events, int from, String... texts) {
        for (int i = from + 1; i < events.size(); i++) {
            String e = events.get(i);
            if (List.of(texts).stream().allMatch(e::contains)) {
                return i;
            }
        }
        throw new AssertionError(
                "no event with " + List.of(texts) + " after line " + from + " in\n" + String.join("\n", events));
    }

    private static Set<String> others(String node) {
        return Set.copyOf(NODES.stream().filter(n -> !n.equals(node)).toList());
    }

    @Test
    @Order(1)
    void aStopThatFailsWhileStatusSaysRunningRebootsTheNodeBeforeTheResourceMoves() throws Exception {
        startOn(hbdaemon("stuck", "4101", "stuck"), "stuck", "4101", "node1");
        int before = events().size() - 1;
        try (CopyWatch watch = new CopyWatch("sleep", "4101")) {
            ok(Cli.run("crm_resource", servers(), "--ban", "-r", "stuck", "-N", "node1"));
            awaitRunning("4101", others("node1"));
            assertEquals(1, watch.most(), "stuck ran on two nodes at once: " + watch.nodes());
        }
        List<String> events = events();
        int stopFailed = after(events, before, "stuck", "node1", "status still reports it running");
        after(events, stopFailed, "reboot of node1 succeeded", "fence-local");
        awaitAllOnline();
        CliResult history = ok(Cli.run("stonith_admin", servers(), "--history", "node1"));
        assertTrue(history.out().contains("reboot of node1 successful"), history.toString());
        CliResult mon = ok(Cli.run("crm_mon", servers(), "-1"));
        assertTrue(mon.out().contains("Fencing History:") && mon.out().contains("node1"), mon.out());
    }

    @Test
    @Order(2)
    void aStopThatFailsWhileStatusSaysStoppedCountsAsStoppedAndFencesNothing() throws Exception {
        startOn(hbdaemon("flaky", "4102", "flaky"), "flaky", "4102", "node2");
        int before = events().size() - 1;
        try (CopyWatch watch = new CopyWatch("sleep", "4102")) {
            ok(Cli.run("crm_resource", servers(), "--ban", "-r", "flaky", "-N", "node2"));
            awaitRunning("4102", others("node2"));
            assertEquals(1, watch.most(), "flaky ran on two nodes at once: " + watch.nodes());
            List<String> events = events();
            after(events, before, "flaky", "node2", "status reports it stopped");
            assertFalse(
                    events.subList(before + 1, events.size()).stream().anyMatch(e -> e.contains("of node2")),
                    "no fencing of node2:\n" + String.join("\n", events));
        }
    }

    @Test
    @Order(3)
    void aNodeWhoseAgentDiesIsFencedBeforeItsResourcesMove() throws Exception {
        startOn(hbdaemon("sleeper", "4103", "good"), "sleeper", "4103", "node3");
        int before = events().size() - 1;
        try (CopyWatch watch = new CopyWatch("sleep", "4103")) {
            agents.kill9("node3");
            awaitRunning("4103", others("node3"));
            assertEquals(1, watch.most(), "sleeper ran on two nodes at once: " + watch.nodes());
            List<String> events = events();
            int lost = after(events, before, "node3 lost");
            after(events, lost, "reboot of node3 succeeded", "fence-local");
        }
        awaitAllOnline();
    }

    @Test
    @Order(4)
    void aDeviceThatFailsOrHangsIsEscalatedPastAndNothingMovesUntilTheNodeIsFenced() throws Exception {
        Path hang = agents.dir().resolve("fence-agents").resolve("fence_hang");
        ScriptDirs.executable(
                hang,
                "#!/bin/sh\n"
                        + "action=reboot\n"
                        + "while read -r line; do case \"$line\" in action=*) action=${line#action=} ;; esac; done\n"
                        + "case \"$action\" in reboot|off) exec sleep 3600 ;; *) exit 0 ;; esac\n");
        create(device(
                "fence-fail",
                "fence_dummy",
                nvpair("fence-fail", "type", "fail") + nvpair("fence-fail", "pcmk_host_list", "node1")));
        create(device(
                "fence-hang",
                "fence_hang",
                nvpair("fence-hang", "pcmk_host_list", "node1") + nvpair("fence-hang", "pcmk_reboot_timeout", "3s")));
        ok(Cli.cibadmin(
                servers(),
                "-C",
                "-o",
                "configuration",
                "-X",
                "<fencing-topology>"
                        + "<fencing-level id=\"node1-1\" target=\"node1\" index=\"1\" devices=\"fence-fail\"/>"
                        + "<fencing-level id=\"node1-2\" target=\"node1\" index=\"2\" devices=\"fence-hang\"/>"
                        + "<fencing-level id=\"node1-3\" target=\"node1\" index=\"3\" devices=\"fence-local\"/>"
                        + "</fencing-topology>"));
        startOn(hbdaemon("escalated", "4104", "good"), "escalated", "4104", "node1");
        int before = events().size() - 1;
        try (CopyWatch watch = new CopyWatch("sleep", "4104")) {
            agents.kill9("node1");
            awaitRunning("4104", others("node1"));
            assertEquals(1, watch.most(), "escalated ran on two nodes at once: " + watch.nodes());
            List<String> events = events();
            int failed = after(events, before, "device fence-fail", "failed");
            int hung = after(events, failed, "device fence-hang", "failed (rc");
            after(events, hung, "reboot of node1 succeeded", "fence-local");
        }
        awaitAllOnline();
    }

    @Test
    @Order(5)
    void anAgentCutOffFromTheStoreStopsItsResourcesBeforeTheyStartElsewhere() throws Exception {
        // Without fencing, only the agent's own stop keeps a resource from running twice once its node is lost.
        ok(Cli.run("crm_attribute", servers(), "-t", "crm_config", "-n", "stonith-enabled", "-v", "false"));
        try (CgroupCut network =
                new CgroupCut("raftbeat-it-cut-" + ProcessHandle.current().pid())) {
            agents.kill9("node2");
            agents.start(
                    "node2",
                    command -> network.wrap(command.stream()
                            .map(word -> word.equals(NodeAgents.SELF_FENCE_OFF) ? "--self-fence=true" : word)
                            .toList()));
            awaitAllOnline();
            startOn(hbdaemon("cutoff", "4105", "good"), "cutoff", "4105", "node2");
            int before = events().size() - 1;
            try (CopyWatch watch = new CopyWatch("sleep", "4105")) {
                network.cut();
                awaitRunning("4105", others("node2"));
                assertEquals(1, watch.most(), "cutoff ran on two nodes at once: " + watch.nodes());
                List<String> events = events();
                after(events, before, "node2 lost");
                network.heal();
            }
            awaitAllOnline();
        }
    }

    @Test
    @Order(6)
    void stonithAdminRebootsANodeByHandAndWaitsForIt() throws Exception {
        long before = agents.agent("node3").orElseThrow().pid();
        CliResult reboot = Cli.run("stonith_admin", servers(), "--reboot", "node3", "--timeout", "60");
        assertEquals(0, reboot.exitCode(), reboot.toString());
        assertTrue(!LiveProcesses.alive(before), "node3's agent survived its reboot");
        awaitAllOnline();
        CliResult unknown = Cli.run("stonith_admin", servers(), "--reboot", "node9");
        assertEquals(105, unknown.exitCode(), unknown.toString());
    }
}
