package io.raftbeat.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code deploy/fence/fence_raftbeat_local} run by hand against real agents: it answers the fence-agents protocol
 * (metadata, list, status, a bad plug), and a reboot kills every process of the node -- its agent, a resource daemon
 * that left the agent's session (setsid, double fork), a process found only by its RAFTBEAT_NODE marker -- wipes the
 * node's run directory, starts its agent again, which rejoins and starts the resource again; the other node's
 * processes, and another cluster's process marked with the same node name, are untouched.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 150, unit = TimeUnit.SECONDS)
class LocalFenceAgentIT {
    private static final Path SCRIPTS = heartbeatScripts();
    private static final List<Process> STRAYS = new ArrayList<>();

    @RegisterExtension
    @Order(1)
    static final StoreCluster cluster = new StoreCluster();

    @RegisterExtension
    @Order(2)
    static final NodeAgents agents =
            new NodeAgents(cluster::servers, List.of("--ha-resource-dir", SCRIPTS.toString()), "node1", "node2");

    /**
     * {@code daemon TAG NODE PIDFILE ACTION}: start runs {@code sleep TAG} detached twice over (setsid, then the shell
     * that started it exits), marked RAFTBEAT_NODE=NODE unless the agent marked it already.
     */
    private static Path heartbeatScripts() {
        return ScriptDirs.withScript(
                "raftbeat-fence-scripts-",
                "daemon",
                "#!/bin/sh\n"
                        + "RAFTBEAT_NODE=\"${RAFTBEAT_NODE:-$2}\"; export RAFTBEAT_NODE\n"
                        + "pid=$(cat \"$3\" 2>/dev/null)\n"
                        + "case \"$4\" in\n"
                        + "  start) setsid sh -c \"sleep $1 & echo \\$! > $3\" < /dev/null > /dev/null 2>&1 &\n"
                        + "         while [ ! -s \"$3\" ]; do sleep 0.05; done; exit 0 ;;\n"
                        + "  stop) [ -n \"$pid\" ] && kill \"$pid\" 2>/dev/null; rm -f \"$3\"; exit 0 ;;\n"
                        + "  status) if [ -n \"$pid\" ] && kill -0 \"$pid\" 2>/dev/null; then echo running;"
                        + " else echo stopped; fi; exit 0 ;;\n"
                        + "  *) exit 0 ;;\n"
                        + "esac\n");
    }

    @AfterAll
    static void killStrays() {
        STRAYS.forEach(Process::destroyForcibly);
    }

    /** Runs the fence agent with these stdin lines and arguments. */
    private static CliResult fence(String stdin, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Checkout.fenceAgent().toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).start();
        process.getOutputStream().write(stdin.getBytes());
        process.getOutputStream().close();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("fence_raftbeat_local " + stdin + " ran over 60s");
        }
        return new CliResult(
                process.exitValue(),
                new String(process.getInputStream().readAllBytes()),
                new String(process.getErrorStream().readAllBytes()));
    }

    private static String stdin(String action, String plug) {
        return "action=" + action + "\n" + (plug == null ? "" : "plug=" + plug + "\n") + "run_dir=" + agents.dir()
                + "\n";
    }

    /** Alive and not a zombie (a killed daemon whose parent is gone may wait a while to be reaped). */
    private static boolean alive(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            char state = stat.charAt(stat.lastIndexOf(')') + 2);
            return state != 'Z' && state != 'X';
        } catch (IOException e) {
            return false;
        }
    }

    /** The pid of the node's running agent (the JVM, not its tini), or 0. */
    private static long agentPid(String node) {
        String runDir = agents.runDir(node).toString();
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().command().orElse("").endsWith("/java"))
                .filter(p -> List.of(p.info().arguments().orElse(new String[0])).contains(runDir))
                .mapToLong(ProcessHandle::pid)
                .filter(LocalFenceAgentIT::alive)
                .findFirst()
                .orElse(0);
    }

    private static long parentOf(long pid) {
        return ProcessHandle.of(pid)
                .flatMap(ProcessHandle::parent)
                .map(ProcessHandle::pid)
                .orElse(0L);
    }

    /** The live pid in the daemon resource's pid file, or 0. */
    private static long daemonPid(String node) {
        try {
            long pid = Long.parseLong(Files.readString(pidFile(node)).strip());
            return alive(pid) ? pid : 0;
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
    }

    private static Path pidFile(String node) {
        return agents.runDir(node).resolve("daemon.pid");
    }

    /** A {@code sleep} started by this test with the environment given, as if some node agent had started it. */
    private static long stray(String seconds, Map<String, String> env) throws IOException {
        ProcessBuilder builder = new ProcessBuilder("/bin/sleep", seconds);
        builder.environment().putAll(env);
        Process process = builder.start();
        STRAYS.add(process);
        return process.pid();
    }

    private static CliResult ok(CliResult r) {
        assertTrue(r.ok(), r.toString());
        return r;
    }

    private static void daemonOn(String node, String tag, String other) {
        String id = "daemon-" + node;
        ok(Cli.cibadmin(
                cluster.servers(),
                "-C",
                "-o",
                "resources",
                "-X",
                "<primitive id=\"" + id + "\" class=\"heartbeat\" type=\"daemon\"><instance_attributes id=\"" + id
                        + "-ia\"><nvpair id=\"" + id + "-1\" name=\"1\" value=\"" + tag + "\"/><nvpair id=\"" + id
                        + "-2\" name=\"2\" value=\"" + node + "\"/><nvpair id=\"" + id + "-3\" name=\"3\" value=\""
                        + pidFile(node) + "\"/></instance_attributes><operations><op id=\"" + id
                        + "-mon\" name=\"monitor\" interval=\"2s\"/></operations></primitive>"));
        ok(Cli.cibadmin(
                cluster.servers(),
                "-C",
                "-o",
                "constraints",
                "-X",
                "<rsc_location id=\"" + id + "-not-" + other + "\" rsc=\"" + id + "\" node=\"" + other
                        + "\" score=\"-INFINITY\"/>"));
    }

    @Test
    @Order(1)
    void itAnswersTheFenceAgentsProtocol() throws Exception {
        Cibs.await("node1 and node2 online", 60_000, () -> Cli.run("crm_mon", cluster.servers(), "-1")
                .out()
                .contains("Online: [ node1 node2 ]"));
        CliResult metadata = ok(fence("action=metadata\n"));
        for (String action : List.of("on", "off", "reboot", "status", "list", "monitor", "metadata", "validate-all")) {
            assertTrue(metadata.out().contains("<action name=\"" + action + "\""), action + ": " + metadata.out());
        }
        assertTrue(metadata.out().contains("<parameter name=\"run_dir\""), metadata.out());
        assertEquals("node1,\nnode2,\n", ok(fence(stdin("list", null))).out());
        ok(fence(stdin("monitor", null)));
        ok(fence(stdin("validate-all", null)));
        assertEquals("Status: ON", ok(fence(stdin("status", "node1"))).out().strip());
        assertEquals(
                "Status: ON",
                ok(fence("", "-o", "status", "-n", "node2", "--run-dir=" + agents.dir()))
                        .out()
                        .strip());

        long node1 = agentPid("node1");
        long node2 = agentPid("node2");
        CliResult bad = fence(stdin("reboot", "nodeX"));
        assertEquals(1, bad.exitCode(), bad.toString());
        assertTrue(bad.oneErrorLine() && bad.err().contains("nodeX"), bad.toString());
        assertTrue(alive(node1) && alive(node2), "a bad plug killed nothing");
        assertEquals(
                1,
                fence(stdin("status", "node1").replace(agents.dir().toString(), "/no/such/dir"))
                        .exitCode());
    }

    @Test
    @Order(2)
    void aRebootKillsEveryProcessOfTheNodeWipesItsRunDirectoryAndStartsItsAgentAgain() throws Exception {
        ok(Cli.run("crm_attribute", cluster.servers(), "-t", "crm_config", "-n", "stonith-enabled", "-v", "false"));
        daemonOn("node1", "1001", "node2");
        daemonOn("node2", "1002", "node1");
        Cibs.await("both daemons running", 60_000, () -> daemonPid("node1") != 0 && daemonPid("node2") != 0);
        Path runDir = agents.runDir("node1");
        // Not under node1's agent: found by the marker alone. The other one names another cluster's run directory.
        long marked = stray("1003", Map.of("RAFTBEAT_NODE", "node1", "HA_VARRUN", runDir.toString()));
        long otherCluster = stray("1004", Map.of("RAFTBEAT_NODE", "node1", "HA_VARRUN", "/elsewhere/node1/run"));
        Files.writeString(runDir.resolve("stale.pid"), "1\n");
        Path disk = agents.dir().resolve("node1").resolve("kept");
        Files.writeString(disk, "a disk survives a reboot\n");

        long agent = agentPid("node1");
        long daemon = daemonPid("node1");
        List<Long> node1 = List.of(agent, parentOf(agent), daemon, marked);
        List<Long> untouched =
                List.of(agentPid("node2"), parentOf(agentPid("node2")), daemonPid("node2"), otherCluster);
        assertTrue(node1.stream().allMatch(LocalFenceAgentIT::alive), "node1's processes run: " + node1);
        assertTrue(untouched.stream().allMatch(LocalFenceAgentIT::alive), "the others run: " + untouched);

        CliResult reboot = ok(fence(stdin("reboot", "node1")));
        assertTrue(reboot.out().contains("Success: Rebooted"), reboot.toString());

        for (long pid : node1) {
            assertFalse(alive(pid), "pid " + pid + " of node1 survived the reboot (" + node1 + ")");
        }
        for (long pid : untouched) {
            assertTrue(alive(pid), "pid " + pid + " is not node1's, yet was killed (" + untouched + ")");
        }
        assertFalse(Files.exists(runDir.resolve("stale.pid")), "the run directory is wiped");
        assertTrue(Files.exists(disk), "the work directory is kept");
        long restarted = agentPid("node1");
        assertTrue(restarted != 0 && restarted != agent, "a new agent runs: " + restarted);
        assertEquals(
                Long.toString(restarted),
                Files.readString(agents.dir().resolve("node1.pid")).strip());
        assertEquals("Status: ON", ok(fence(stdin("status", "node1"))).out().strip());

        // It rejoins with nothing running, probes, and the cluster starts the daemon there again.
        Cibs.await("a new daemon on node1", 60_000, () -> daemonPid("node1") != 0 && daemonPid("node1") != daemon);
        Cibs.await("node1 online", 30_000, () -> Cli.run("crm_mon", cluster.servers(), "-1")
                .out()
                .contains("Online: [ node1 node2 ]"));

        CliResult off = ok(fence(stdin("off", "node1")));
        assertTrue(off.out().contains("Success: Powered OFF"), off.toString());
        assertEquals(2, fence(stdin("status", "node1")).exitCode());
        assertFalse(alive(restarted));
    }
}
