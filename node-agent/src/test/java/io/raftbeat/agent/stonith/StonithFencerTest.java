package io.raftbeat.agent.stonith;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.raftbeat.agent.exec.AgentCall;
import io.raftbeat.agent.exec.AgentPaths;
import io.raftbeat.agent.exec.AgentResult;
import io.raftbeat.agent.exec.ExecStatus;
import io.raftbeat.agent.exec.ProcessRunner;
import io.raftbeat.agent.exec.ResourceAgents;
import io.raftbeat.agent.exec.TestScripts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fencing a node with real fence agents speaking the fence-agents protocol: scripts written here that log every
 * stdin they get, and Debian's {@code fence_dummy} unmodified.
 */
@Timeout(60)
class StonithFencerTest {
    @TempDir
    Path dir;

    private ResourceAgents agents;
    private Path log;

    /** A fence agent: metadata advertising {@code actions}, list printing {@code plugs}, status exiting 2. */
    private void writeAgent(String name, String actions, String plugs) throws Exception {
        String metadata =
                "<resource-agent name=\\\"" + name + "\\\"><actions>" + actions + "</actions></resource-agent>";
        TestScripts.write(
                dir.resolve("sbin").resolve(name),
                "input=$(cat)\n"
                        + "printf '%s\\n--\\n' \"$input\" >> " + log + "\n"
                        + "case \"$input\" in\n"
                        + "  action=metadata*) echo \"" + metadata + "\" ;;\n"
                        + "  action=list*) printf '" + plugs + "' ;;\n"
                        + "  action=status*) echo 'Status: OFF'; exit 2 ;;\n"
                        + "  action=hang*) sleep 30 ;;\n"
                        + "  action=reboot*|action=off*|action=on*) echo Success ;;\n"
                        + "  *) echo \"unknown $input\" >&2; exit 1 ;;\n"
                        + "esac\n");
    }

    @BeforeEach
    void setUp() throws Exception {
        log = dir.resolve("stdin.log");
        agents = new ResourceAgents(
                new AgentPaths(dir, dir, dir, dir.resolve("sbin"), dir.resolve("run")),
                new ProcessRunner(Duration.ofMillis(200)));
        writeAgent("fence_listed", "<action name=\\\"list\\\"/><action name=\\\"status\\\"/>", "p1,one\\np2,two\\n");
        writeAgent("fence_statused", "<action name=\\\"status\\\"/>", "");
        writeAgent("fence_plain", "", "");
    }

    private static AgentCall device(String type, Map<String, String> params) {
        return new AgentCall("fencer", "", type, params, Map.of(), 0, Duration.ofSeconds(10));
    }

    /** The stdin blocks the agent got, in order. */
    private String[] calls() throws Exception {
        return Files.readString(log).split("\n--\n");
    }

    @Test
    void theTargetsPlugFromTheHostMapAndTheRenamedActionGoToStdin() throws Exception {
        Map<String, String> params = Map.of(
                "pcmk_host_map", "node1:p1;node2:p2",
                "pcmk_reboot_action", "off",
                "ip", "10.0.0.9");
        AgentResult result = agents.fence(device("fence_plain", params), "reboot", "node2");
        assertEquals(0, result.rc(), result.toString());
        // static-list (the map names the hosts): no list, no status, only the fence itself
        assertEquals("action=off\nplug=p2\nip=10.0.0.9", String.join("|", calls()));
    }

    @Test
    void aTargetOutsideTheStaticListIsRefusedWithoutRunningTheDevice() throws Exception {
        AgentResult result =
                agents.fence(device("fence_plain", Map.of("pcmk_host_list", "node1 node3")), "reboot", "node2");
        assertEquals(1, result.rc(), result.toString());
        assertEquals("device fencer cannot fence node2: not in pcmk_host_list", result.exitReason());
        assertTrue(!Files.exists(log), "the device ran");
    }

    @Test
    void withoutAHostCheckAListingAgentIsAskedForItsPlugs() throws Exception {
        AgentResult refused = agents.fence(device("fence_listed", Map.of()), "off", "node2");
        assertEquals(1, refused.rc(), refused.toString());
        assertTrue(
                refused.exitReason().contains("device fencer cannot fence node2: its list does not name plug node2"),
                refused.exitReason());
        AgentResult fenced = agents.fence(
                device("fence_listed", Map.of("pcmk_host_map", "node2=p2", "pcmk_host_check", "dynamic-list")),
                "off",
                "node2");
        assertEquals(0, fenced.rc(), fenced.toString());
        String[] calls = calls();
        assertEquals("action=list", calls[calls.length - 2]);
        assertEquals("action=off\nplug=p2", calls[calls.length - 1]);
    }

    @Test
    void withoutAListTheStatusOfThePlugDecidesAndAnotherArgumentNameIsUsed() throws Exception {
        AgentResult fenced =
                agents.fence(device("fence_statused", Map.of("pcmk_host_argument", "port")), "reboot", "node2");
        assertEquals(0, fenced.rc(), fenced.toString());
        String[] calls = calls();
        assertEquals("action=metadata", calls[0]);
        assertEquals("action=status\nport=node2", calls[1]);
        assertEquals("action=reboot\nport=node2", calls[2]);
        agents.fence(device("fence_plain", Map.of("pcmk_host_argument", "none")), "on", "node2");
        assertEquals("action=on", calls()[calls().length - 1]);
    }

    @Test
    void aHangingDeviceTimesOutNamingDeviceAndTarget() throws Exception {
        Map<String, String> params = Map.of("pcmk_host_check", "none", "pcmk_reboot_action", "hang");
        AgentCall call = new AgentCall("fencer", "", "fence_plain", params, Map.of(), 0, Duration.ofMillis(500));
        AgentResult result = agents.fence(call, "reboot", "node2");
        assertEquals(ExecStatus.TIMEOUT, result.status(), result.toString());
        assertTrue(result.exitReason().startsWith("device fencer could not reboot node2: "), result.exitReason());
    }

    @Test
    void anUnknownActionOrHostCheckIsRefused() {
        assertEquals(
                2,
                agents.fence(device("fence_plain", Map.of()), "status", "node2").rc());
        AgentResult bad = agents.fence(device("fence_plain", Map.of("pcmk_host_check", "sometimes")), "off", "n2");
        assertEquals(2, bad.rc(), bad.toString());
        assertTrue(bad.exitReason().contains("pcmk_host_check 'sometimes'"), bad.exitReason());
    }

    @Test
    void debiansFenceDummyFencesUnmodified() throws Exception {
        ResourceAgents real = new ResourceAgents(
                new AgentPaths(dir, dir, dir, Path.of("/usr/sbin"), dir.resolve("run")), new ProcessRunner());
        Path power = dir.resolve("power");
        Map<String, String> params = new HashMap<>(Map.of("type", "file", "status_file", power.toString()));
        // no list action: the status of the plug decides (it exits 2, off, while the file is missing)
        AgentResult on = real.fence(device("fence_dummy", params), "on", "node2");
        assertEquals(0, on.rc(), on.toString());
        assertEquals("on", Files.readString(power).strip());
        AgentResult off = real.fence(device("fence_dummy", params), "off", "node2");
        assertEquals(0, off.rc(), off.toString());
        assertEquals("off", Files.readString(power).strip());
        params.put("type", "fail");
        AgentResult failed = real.fence(device("fence_dummy", params), "reboot", "node2");
        assertEquals(1, failed.rc(), failed.toString());
        assertTrue(failed.exitReason().contains("node2"), failed.exitReason());
    }
}
