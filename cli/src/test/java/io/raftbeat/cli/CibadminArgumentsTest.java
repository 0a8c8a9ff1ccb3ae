package io.raftbeat.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.raftbeat.proto.v1.CibOperation;
import io.raftbeat.proto.v1.CibRequest;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class CibadminArgumentsTest {
    private static final String PRIMITIVE = "<primitive id=\"p\" class=\"ocf\" provider=\"heartbeat\" type=\"Dummy\"/>";

    private static CibRequest parse(String... args) throws CliFailure {
        CibadminCommand command = new CibadminCommand(new CliContext(Map.of(), System.in, System.out, System.err));
        new CommandLine(command).parseArgs(args);
        return command.request();
    }

    private static void assertUsageError(String... args) {
        CliRun run = CliRun.run(Map.of(), withProgram(args));
        assertEquals(64, run.exitCode(), run.err());
        assertTrue(run.oneErrorLine(), "one line expected, got: " + run.err());
        assertTrue(run.out().isEmpty(), run.out());
    }

    private static String[] withProgram(String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "cibadmin";
        System.arraycopy(args, 0, all, 1, args.length);
        return all;
    }

    @Test
    void heartbeatUpdateFlagIsModify() throws CliFailure {
        CibRequest request = parse(
                "-U",
                "-o",
                "resources",
                "-X",
                "<op id=\"test_8_mon\" interval=\"1s\" name=\"monitor\" timeout=\"2s\"/>");
        assertEquals(CibOperation.CIB_MODIFY, request.getOperation());
        assertEquals("resources", request.getScope());
        assertTrue(request.getXml().contains("test_8_mon"));
        assertTrue(!request.getRequestId().isEmpty(), "writes carry a request id");
    }

    @Test
    void longUpdateAndModifyAreTheSame() throws CliFailure {
        assertEquals(CibOperation.CIB_MODIFY, parse("--update", "-X", PRIMITIVE).getOperation());
        assertEquals(CibOperation.CIB_MODIFY, parse("--modify", "-X", PRIMITIVE).getOperation());
    }

    @Test
    void userStaysALongOptionWithAValue() throws CliFailure {
        CibRequest request = parse("--user", "hacluster", "-Q");
        assertEquals(CibOperation.CIB_QUERY, request.getOperation());
    }

    @Test
    void clusteredShortOptionsParse() throws CliFailure {
        CibRequest request = parse("-Qln", "-o", "nodes");
        assertTrue(request.getLocal());
        assertTrue(request.getNoChildren());
        assertEquals("nodes", request.getScope());
        assertTrue(request.getRequestId().isEmpty(), "queries carry no request id");
    }

    @Test
    void deleteTakesAnXpathInsteadOfXml() throws CliFailure {
        CibRequest request = parse("-D", "-A", "//primitive[@id='p']");
        assertEquals(CibOperation.CIB_DELETE, request.getOperation());
        assertEquals("//primitive[@id='p']", request.getXpath());
    }

    @Test
    void xmlComesFromStandardInputWithPipe() {
        CliRun run = CliRun.withInput(Map.of("CIB_SERVER", "bad-address"), PRIMITIVE, "cibadmin", "-C", "-p");
        assertEquals(64, run.exitCode(), "stdin was read, then CIB_SERVER refused: " + run.err());
        assertTrue(run.err().contains("CIB_SERVER"), run.err());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "-Q -C",
                "-Q -B",
                "-C -o resources",
                "-M",
                "-R",
                "-D",
                "-B -X <x/>",
                "-o resources -A //primitive -Q",
                "-d --force",
                "-n -C -X <x/>",
                "-c -C -X <x/>",
                "-Q -t abc",
                "-Q -t 0",
                "-Q --bogus",
                "-Q extra",
                "-Q -o",
                "-C -X <x/> -x /tmp/x.xml"
            })
    void badCombinationsAreUsageErrors(String args) {
        assertUsageError(args.isEmpty() ? new String[0] : args.split(" "));
    }

    @Test
    void queryWithXmlIsAUsageError() {
        assertUsageError("-Q", "-X", PRIMITIVE);
    }

    @Test
    void eraseNeedsForceAsPacemaker() {
        CliRun run = CliRun.run(Map.of(), "cibadmin", "-E");
        assertEquals(107, run.exitCode());
        assertEquals(CibadminCommand.DANGEROUS, run.err().strip());
    }

    @Test
    void deleteAllNeedsForceAsPacemaker() {
        CliRun run = CliRun.run(Map.of(), "cibadmin", "-d", "-A", "//nvpair");
        assertEquals(107, run.exitCode());
    }

    @Test
    void missingXmlFileIsNamed() {
        CliRun run = CliRun.run(Map.of(), "cibadmin", "-C", "-o", "resources", "-x", "/nonexistent/cib.xml");
        assertEquals(78, run.exitCode(), run.err());
        assertTrue(run.oneErrorLine() && run.err().contains("/nonexistent/cib.xml"), run.err());
    }

    @Test
    void helpExitsZero() {
        CliRun run = CliRun.run(Map.of(), "cibadmin", "--help");
        assertEquals(0, run.exitCode());
        assertTrue(run.out().contains("--update"), run.out());
    }

    @Test
    void unknownProgramIsAUsageError() {
        CliRun run = CliRun.run(Map.of(), "crm_nothing", "-Q");
        assertEquals(64, run.exitCode());
        assertTrue(run.oneErrorLine(), run.err());
    }
}
