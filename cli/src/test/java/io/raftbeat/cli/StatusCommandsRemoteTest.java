package io.raftbeat.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.raftbeat.proto.v1.CibOperation;
import io.raftbeat.proto.v1.CibResponse;
import io.raftbeat.proto.v1.FenceHistoryRequest;
import io.raftbeat.proto.v1.FenceHistoryResponse;
import io.raftbeat.proto.v1.FenceState;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** crm_mon and crm_resource on a cluster (CIB_SERVER): one whole-CIB query, then the same text as from a file. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class StatusCommandsRemoteTest {
    private ScriptedMember member;

    @BeforeEach
    void start() throws Exception {
        Path fixture = Path.of(getClass()
                .getResource("/status/no-fencing-standby-group-failcount.xml")
                .toURI());
        String cib = Files.readString(fixture, StandardCharsets.UTF_8);
        member = new ScriptedMember();
        member.cib = r -> CibResponse.newBuilder().setXml(cib).build();
    }

    @AfterEach
    void stop() {
        member.close();
    }

    @Test
    void crmMonShowsTheClustersStatus() {
        CliRun run = CliRun.run(Map.of("CIB_SERVER", member.address()), "crm_mon", "-1", "-f");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("  * Online: [ node1 ]\n"), run.out());
        assertTrue(run.out().contains("  * d3\t(ocf:heartbeat:Dummy):\t FAILED node1\n"), run.out());
        assertTrue(run.out().contains("    * d3: migration-threshold=1000000 fail-count=2"), run.out());
        assertEquals(1, member.cibCalls.size());
        assertEquals(CibOperation.CIB_QUERY, member.cibCalls.get(0).getOperation());
        assertEquals("", member.cibCalls.get(0).getScope(), "the whole CIB");
    }

    @Test
    void crmMonShowsFailedAndPendingFencingByDefault() {
        long now = System.currentTimeMillis();
        member.fenceHistory = r -> FenceHistoryResponse.newBuilder()
                .addOperations(FenceHistoryTextTest.op("node2", FenceState.FENCE_FAILED, now - 9000, now - 8000))
                .addOperations(FenceHistoryTextTest.op("node3", FenceState.FENCE_PENDING, now - 1000, 0))
                .build();
        CliRun run = CliRun.run(Map.of("CIB_SERVER", member.address()), "crm_mon", "-1");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(
                run.out()
                        .contains("\n\nFailed Fencing Actions:\n  * reboot of node2 by node3 for"
                                + " stonith_admin.42@node1 last failed at "),
                run.out());
        assertTrue(
                run.out()
                        .endsWith("\n\nPending Fencing Actions:\n  * reboot of node3 for stonith_admin.42@node1"
                                + " last pending\n"),
                run.out());
        assertTrue(run.out().contains(StatusText.FENCING_DISABLED + "\n"), "the fixture has stonith-enabled=false");
        assertEquals("", ((FenceHistoryRequest) member.fencingCalls.get(0)).getTarget(), "every node's history");
        CliRun off = CliRun.run(Map.of("CIB_SERVER", member.address()), "crm_mon", "-1", "--fence-history=0");
        assertTrue(!off.out().contains("Fencing"), off.out());
        CliRun bad = CliRun.run(Map.of("CIB_SERVER", member.address()), "crm_mon", "-1", "-m", "4");
        assertEquals(CliFailure.USAGE, bad.exitCode());
    }

    @Test
    void crmMonStillShowsTheStatusWhenTheFenceHistoryCannotBeRead() {
        CliRun run = CliRun.run(Map.of("CIB_SERVER", member.address()), "crm_mon", "-1");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("  * Online: [ node1 ]\n"), run.out());
        assertTrue(run.out().contains("\nFailed Fencing Actions:\n  * Failed to get fencing history: "), run.out());
    }

    @Test
    void crmResourceLocatesOnTheCluster() {
        CliRun run = CliRun.run(Map.of("CIB_SERVER", member.address()), "crm_resource", "--locate", "-r", "g1a");
        assertEquals(0, run.exitCode(), run.err());
        assertEquals("resource g1a is running on: node1\n", run.out());
    }

    @Test
    void anUnreachableClusterIsExit102InOneLine() throws Exception {
        String address = member.address();
        member.close();
        CliRun run = CliRun.run(Map.of("CIB_SERVER", address), "crm_mon", "-1");
        assertEquals(CliFailure.DISCONNECT, run.exitCode(), run.err());
        assertTrue(run.oneErrorLine(), run.err());
    }
}
