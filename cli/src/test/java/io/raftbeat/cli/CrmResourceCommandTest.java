package io.raftbeat.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** crm_resource's arguments, errors and agent runs against a script agent in a temporary OCF root. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CrmResourceCommandTest {
    private static final String AGENT = "#!/bin/sh\n"
            + "echo \"$1 of $OCF_RESOURCE_INSTANCE with greeting=$OCF_RESKEY_greeting\"\n"
            + "case \"$1\" in start) exit 0;; monitor) exit 6;; *) exit 3;; esac\n";

    @TempDir
    Path dir;

    private Map<String, String> env;

    @BeforeEach
    void cibWithAScriptAgent() throws Exception {
        Path agent = dir.resolve("ocf/resource.d/test/Greeter");
        Files.createDirectories(agent.getParent());
        Files.writeString(agent, AGENT, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(agent, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path cib = dir.resolve("cib.xml");
        Files.writeString(
                cib,
                "<cib epoch=\"1\" num_updates=\"0\" admin_epoch=\"0\" validate-with=\"pacemaker-3.9\"><configuration>"
                        + "<crm_config/><nodes/><resources>"
                        + "<primitive id=\"g\" class=\"ocf\" provider=\"test\" type=\"Greeter\">"
                        + "<instance_attributes id=\"g-ia\"><nvpair id=\"g-h\" name=\"greeting\" value=\"hello\"/>"
                        + "</instance_attributes></primitive><group id=\"grp\">"
                        + "<primitive id=\"m\" class=\"ocf\" provider=\"test\" type=\"Greeter\"/></group>"
                        + "</resources><constraints/></configuration><status/></cib>",
                StandardCharsets.UTF_8);
        env = new HashMap<>(Map.of("CIB_file", cib.toString(), "CIB_SERVER", "127.0.0.1:1"));
        env.put("OCF_ROOT", dir.resolve("ocf").toString());
        env.put("RAFTBEAT_RUN_DIR", dir.resolve("run").toString());
    }

    private CliRun crmResource(String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "crm_resource";
        System.arraycopy(args, 0, all, 1, args.length);
        return CliRun.run(env, all);
    }

    @Test
    void forceStartRunsTheAgentWithItsParametersAndPrintsItsOutput() {
        CliRun run = crmResource("--force-start", "-r", "g");
        assertEquals(0, run.exitCode(), run.err());
        assertEquals(
                "Operation force-start for g (ocf:test:Greeter) returned 0 (ok)\n"
                        + "start of g with greeting=hello\n\n", // Pacemaker prints the output, then a newline
                run.out());
        assertEquals("", run.err());
    }

    @Test
    void forceCheckExitsWithTheAgentsCode() {
        CliRun run = crmResource("--force-check", "-r", "g", "-V");
        assertEquals(6, run.exitCode(), run.err());
        assertTrue(
                run.out().startsWith("Operation force-check for g (ocf:test:Greeter) returned 6 (not configured)\n"),
                run.out());
        assertEquals("crm_resource: Error performing operation: Not configured\n", run.err());
    }

    @Test
    void unknownResourceIsOneLineAnd105() {
        CliRun run = crmResource("--force-start", "-r", "nothere");
        assertEquals(105, run.exitCode());
        assertTrue(run.oneErrorLine(), run.err());
        assertEquals("crm_resource: Resource 'nothere' not found\n", run.err());
        assertEquals(105, crmResource("--locate", "-r", "nothere").exitCode());
    }

    @Test
    void forcingAGroupIsRefusedInOneLine() {
        CliRun run = crmResource("--force-stop", "-r", "grp");
        assertEquals(3, run.exitCode());
        assertTrue(run.oneErrorLine() && run.err().contains("grp is a group"), run.err());
    }

    @Test
    void badArgumentsAreUsageErrors() {
        for (String[] args :
                new String[][] {{"--bogus"}, {"--locate"}, {"--force-start"}, {}, {"--list", "--locate", "-r", "g"}}) {
            CliRun run = crmResource(args);
            assertEquals(64, run.exitCode(), String.join(" ", args) + ": " + run.err());
            assertTrue(run.oneErrorLine(), run.err());
        }
    }

    @Test
    void missingCibFileIsOneLine() {
        env.put("CIB_file", dir.resolve("none.xml").toString());
        CliRun run = crmResource("--list");
        assertEquals(105, run.exitCode());
        assertTrue(run.oneErrorLine(), run.err());
    }
}
