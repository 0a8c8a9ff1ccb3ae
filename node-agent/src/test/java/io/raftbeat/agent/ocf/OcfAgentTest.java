package io.raftbeat.agent.ocf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.raftbeat.agent.exec.AgentCall;
import io.raftbeat.agent.exec.AgentPaths;
import io.raftbeat.agent.exec.AgentResult;
import io.raftbeat.agent.exec.ExecStatus;
import io.raftbeat.agent.exec.ProcessRunner;
import io.raftbeat.agent.exec.ResourceAgents;
import io.raftbeat.agent.exec.TestScripts;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** What an OCF agent is given (its environment, verbatim) and how its exit codes and exit reasons come back. */
@Timeout(30)
class OcfAgentTest {
    private static final String EVIL = "a b; rm -rf / `id` $(id) 'q' \"d\" | & > < *\nsecond line\\n";

    @TempDir
    Path dir;

    private ResourceAgents agents;

    @BeforeEach
    void writeAgents() throws Exception {
        Path root = dir.resolve("ocf");
        TestScripts.write(root.resolve("resource.d/test/envdump"), "env -0 > \"$OCF_RESKEY_out\"\n");
        TestScripts.write(
                root.resolve("resource.d/test/exits"),
                "echo \"ocf-exit-reason:first reason\" >&2\n"
                        + "echo \"ocf-exit-reason:$OCF_RESKEY_reason\" >&2\n"
                        + "exit \"$OCF_RESKEY_code\"\n");
        agents = new ResourceAgents(
                new AgentPaths(root, dir, dir, dir, dir.resolve("run")), new ProcessRunner(Duration.ofMillis(200)));
    }

    private AgentResult run(String type, String op, Map<String, String> params, Map<String, String> meta) {
        AgentCall call = new AgentCall("web:1", "test", type, params, meta, 10_000, Duration.ofSeconds(7));
        return agents.run("ocf", op, call);
    }

    @Test
    void parametersMetaAttributesAndTheOcfVariablesArriveVerbatim() throws Exception {
        Path out = dir.resolve("env.bin");
        AgentResult result = run(
                "envdump",
                "monitor",
                Map.of("out", out.toString(), "evil", EVIL, "under_score", "x"),
                Map.of("migration-threshold", "3", "target-role", "Started"));
        assertEquals(0, result.rc(), result.toString());
        Map<String, String> env = parse(Files.readAllBytes(out));
        assertEquals(EVIL, env.get("OCF_RESKEY_evil"));
        assertEquals("x", env.get("OCF_RESKEY_under_score"));
        assertEquals("3", env.get("OCF_RESKEY_CRM_meta_migration_threshold"));
        assertEquals("Started", env.get("OCF_RESKEY_CRM_meta_target_role"));
        assertEquals("10000", env.get("OCF_RESKEY_CRM_meta_interval"));
        assertEquals("7000", env.get("OCF_RESKEY_CRM_meta_timeout"));
        assertEquals(dir.resolve("ocf").toString(), env.get("OCF_ROOT"));
        assertEquals("1", env.get("OCF_RA_VERSION_MAJOR"));
        assertEquals("1", env.get("OCF_RA_VERSION_MINOR"));
        assertEquals("web:1", env.get("OCF_RESOURCE_INSTANCE"));
        assertEquals("envdump", env.get("OCF_RESOURCE_TYPE"));
        assertEquals("test", env.get("OCF_RESOURCE_PROVIDER"));
        assertEquals(dir.resolve("run/resource-agents").toString(), env.get("HA_RSCTMP"));
        assertEquals(dir.resolve("run").toString(), env.get("HA_VARRUN"));
        assertTrue(Files.isDirectory(dir.resolve("run/resource-agents")));
        assertTrue(env.get("PATH").contains("/usr/bin"), env.get("PATH"));
        for (String inherited : System.getenv().keySet()) {
            if (!inherited.equals("PATH") && !inherited.equals("PWD")) {
                assertFalse(env.containsKey(inherited), inherited + " leaked from the node agent's environment");
            }
        }
    }

    @Test
    void exitCodesOfTheOcfTablePassThroughAndOthersAreGenericErrors() {
        for (int code : new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 190, 191}) {
            AgentResult result = run("exits", "start", Map.of("code", "" + code, "reason", "r"), Map.of());
            assertEquals(code, result.rc(), result.toString());
            assertEquals(ExecStatus.DONE, result.status());
        }
        for (int code : new int[] {10, 42, 127, 189, 192, 255}) {
            assertEquals(
                    1,
                    run("exits", "start", Map.of("code", "" + code, "reason", "r"), Map.of())
                            .rc());
        }
    }

    @Test
    void theLastExitReasonLineIsTheExitReason() {
        AgentResult result = run("exits", "start", Map.of("code", "1", "reason", "disk on fire"), Map.of());
        assertEquals("disk on fire", result.exitReason());
        assertTrue(result.output().contains("ocf-exit-reason:first reason"), result.output());
    }

    @Test
    void parametersThatCannotBeEnvironmentVariablesAreInvalid() {
        AgentResult badName = run("envdump", "start", Map.of("a=b", "x"), Map.of());
        assertEquals(2, badName.rc(), badName.toString());
        assertTrue(badName.exitReason().contains("a=b"), badName.exitReason());
        AgentResult nul = run("envdump", "start", Map.of("p", "x\0y"), Map.of());
        assertEquals(2, nul.rc(), nul.toString());
        assertEquals(ExecStatus.ERROR_HARD, nul.status());
    }

    @Test
    void unsafeProvidersAndResourceIdsAreInvalid() {
        AgentCall badProvider = new AgentCall("r", "../ocf", "envdump", Map.of(), Map.of(), 0, Duration.ofSeconds(5));
        assertEquals(2, agents.run("ocf", "start", badProvider).rc());
        AgentCall badId = new AgentCall("../r", "test", "envdump", Map.of(), Map.of(), 0, Duration.ofSeconds(5));
        AgentResult result = agents.run("ocf", "start", badId);
        assertEquals(2, result.rc());
        assertTrue(result.exitReason().contains("resource id"), result.exitReason());
    }

    private static Map<String, String> parse(byte[] envZero) {
        Map<String, String> env = new HashMap<>();
        for (String entry : new String(envZero, StandardCharsets.UTF_8).split("\0")) {
            int eq = entry.indexOf('=');
            if (eq > 0) {
                env.put(entry.substring(0, eq), entry.substring(eq + 1));
            }
        }
        return env;
    }
}
