package io.raftbeat.cli;

import static io.raftbeat.cli.FenceHistoryTextTest.T0;
import static io.raftbeat.cli.FenceHistoryTextTest.op;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.raftbeat.proto.v1.CibResponse;
import io.raftbeat.proto.v1.ConfirmFencedRequest;
import io.raftbeat.proto.v1.FenceAttempt;
import io.raftbeat.proto.v1.FenceHistoryRequest;
import io.raftbeat.proto.v1.FenceHistoryResponse;
import io.raftbeat.proto.v1.FenceOperation;
import io.raftbeat.proto.v1.FenceReply;
import io.raftbeat.proto.v1.FenceRequest;
import io.raftbeat.proto.v1.FenceState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * stonith_admin's requests and exit codes over the real transport: a scripted member answers the CIB query with
 * {@link FenceDevicesTest#CIB} and FencingService as each test scripts it (the client side; the store's
 * FencingService is tested in cib-store).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class StonithAdminCommandTest {
    private ScriptedMember member;

    @BeforeEach
    void start() throws Exception {
        member = new ScriptedMember();
        member.cib = r -> CibResponse.newBuilder().setXml(FenceDevicesTest.CIB).build();
    }

    @AfterEach
    void stop() {
        member.close();
    }

    private CliRun run(String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "stonith_admin";
        System.arraycopy(args, 0, all, 1, args.length);
        return CliRun.run(Map.of("CIB_SERVER", member.address()), all);
    }

    /** The fencer's operation: pending when asked, then as {@code end} after two history reads. */
    private void fencerEndsWith(FenceOperation end) {
        FenceOperation pending = op("node2", FenceState.FENCE_PENDING, T0, 0);
        AtomicInteger reads = new AtomicInteger();
        member.fence = r -> FenceReply.newBuilder().setOperation(pending).build();
        member.fenceHistory = r -> FenceHistoryResponse.newBuilder()
                .addOperations(
                        reads.incrementAndGet() < 2
                                ? pending
                                : end.toBuilder().setId(pending.getId()).build())
                .build();
    }

    @Test
    void rebootWaitsForTheOperationToSucceed() {
        fencerEndsWith(op("node2", FenceState.FENCE_DONE, T0, T0 + 1000));
        CliRun run = run("--reboot", "node2");
        assertEquals(0, run.exitCode(), run.err());
        FenceRequest request = assertInstanceOf(FenceRequest.class, member.fencingCalls.get(0));
        assertEquals("node2", request.getTarget());
        assertEquals("reboot", request.getAction());
        assertTrue(request.getClient().startsWith("stonith_admin."), request.getClient());
        FenceHistoryRequest poll = assertInstanceOf(FenceHistoryRequest.class, member.fencingCalls.get(1));
        assertEquals("node2", poll.getTarget());
    }

    @Test
    void fenceIsOffAndUnfenceIsOn() {
        fencerEndsWith(op("node2", FenceState.FENCE_DONE, T0, T0 + 1000));
        assertEquals(0, run("-F", "node2").exitCode());
        assertEquals(0, run("-U", "node2").exitCode());
        var actions = member.fencingCalls.stream()
                .filter(FenceRequest.class::isInstance)
                .map(c -> ((FenceRequest) c).getAction())
                .toList();
        assertEquals(java.util.List.of("off", "on"), actions);
    }

    @Test
    void aFailedFencingIsExitOneInOneLine() {
        fencerEndsWith(op("node2", FenceState.FENCE_FAILED, T0, T0 + 1000).toBuilder()
                .setDetail("fence_dummy: failed")
                .build());
        CliRun run = run("-B", "node2");
        assertEquals(StonithAdminCommand.FENCING_FAILED, run.exitCode(), run.err());
        assertEquals("stonith_admin: reboot of node2 failed: fence_dummy: failed\n", run.err());
    }

    @Test
    void aDeviceThatTimedOutIsExit124() {
        fencerEndsWith(op("node2", FenceState.FENCE_FAILED, T0, T0 + 1000).toBuilder()
                .addAttempts(FenceAttempt.newBuilder().setDevice("any").setOpStatus(2))
                .build());
        assertEquals(CliFailure.TIMEOUT, run("-B", "node2").exitCode());
    }

    @Test
    void anOperationStillPendingAtTheTimeoutIsExit124() {
        FenceOperation pending = op("node2", FenceState.FENCE_PENDING, T0, 0);
        member.fence = r -> FenceReply.newBuilder().setOperation(pending).build();
        member.fenceHistory =
                r -> FenceHistoryResponse.newBuilder().addOperations(pending).build();
        CliRun run = run("-B", "node2", "-t", "1");
        assertEquals(CliFailure.TIMEOUT, run.exitCode(), run.err());
        assertTrue(run.oneErrorLine(), run.err());
        assertTrue(run.err().contains("still pending after 1s"), run.err());
    }

    @Test
    void aNodeNotInTheConfigurationIsRefusedBeforeAnyRequest() {
        CliRun run = run("--reboot", "node7");
        assertEquals(StonithAdminCommand.NO_SUCH_NODE, run.exitCode());
        assertEquals("stonith_admin: node 'node7' is not in the cluster's configuration (nodes)\n", run.err());
        assertEquals(0, member.fencingCalls.size());
    }

    @Test
    void confirmIsTheConfirmCall() {
        member.confirm = r -> FenceReply.newBuilder()
                .setOperation(op("node2", FenceState.FENCE_DONE, T0, T0))
                .build();
        CliRun run = run("--confirm", "node2");
        assertEquals(0, run.exitCode(), run.err());
        assertEquals("node2", ((ConfirmFencedRequest) member.fencingCalls.get(0)).getTarget());
    }

    @Test
    void historyShowsTheLastSuccessOrWithVerboseEverything() {
        FenceOperation older = op("node2", FenceState.FENCE_DONE, T0, T0 + 1000);
        FenceOperation newer = op("node2", FenceState.FENCE_DONE, T0 + 5000, T0 + 6000);
        FenceOperation failed = op("node2", FenceState.FENCE_FAILED, T0 + 7000, T0 + 8000);
        member.fenceHistory = r -> FenceHistoryResponse.newBuilder()
                .addOperations(older)
                .addOperations(newer)
                .addOperations(failed)
                .build();
        CliRun last = run("-H", "*");
        assertEquals(0, last.exitCode(), last.err());
        assertEquals("", ((FenceHistoryRequest) member.fencingCalls.get(0)).getTarget(), "'*' is every node");
        String[] lines = last.out().split("\n");
        assertEquals(2, lines.length, last.out());
        assertTrue(
                lines[0].startsWith("reboot of node2 successful: delegate=node3, client=stonith_admin.42,"
                        + " origin=node1, last-successful='"),
                lines[0]);
        assertEquals("1 event found", lines[1]);
        CliRun all = run("-H", "node2", "--verbose");
        assertEquals(4, all.out().split("\n").length, all.out());
        assertTrue(all.out().startsWith("reboot of node2 failed: "), all.out());
        assertTrue(all.out().endsWith("3 events found\n"), all.out());
        assertEquals((T0 + 6000) / 1000 + "\n", run("-H", "node2", "--quiet").out());
    }

    @Test
    void listsTheConfiguredDevices() {
        CliRun all = run("-L");
        assertEquals("listed\nmapped\nany\nunchecked\n4 fence devices found\n", all.out());
        assertEquals(
                "mapped\nany\nunchecked\n3 fence devices found\n",
                run("--list", "node3").out());
    }

    @Test
    void offlineListsFromTheFileButCannotFence(@TempDir Path dir) throws Exception {
        Path cib = dir.resolve("cib.xml");
        Files.writeString(cib, FenceDevicesTest.CIB);
        Map<String, String> env = Map.of("CIB_file", cib.toString());
        assertEquals(
                "any\nunchecked\n2 fence devices found\n",
                CliRun.run(env, "stonith_admin", "-l", "node9").out());
        for (String command : new String[] {"-B", "-F", "-U", "-C", "-H"}) {
            CliRun run = CliRun.run(env, "stonith_admin", command, "node1");
            assertEquals(CliFailure.DISCONNECT, run.exitCode(), command + ": " + run.err());
            assertTrue(run.oneErrorLine() && run.err().contains("CIB_file"), run.err());
        }
    }

    @Test
    void usageErrorsAreExit64InOneLine() {
        for (String[] args : new String[][] {{}, {"-B", "node1", "-F", "node2"}, {"-L", "-t", "0"}, {"--bogus"}}) {
            CliRun run = run(args);
            assertEquals(CliFailure.USAGE, run.exitCode(), String.join(" ", args) + ": " + run.err());
            assertTrue(run.oneErrorLine(), run.err());
        }
    }
}
