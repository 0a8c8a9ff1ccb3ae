package io.raftbeat.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.Status;
import io.raftbeat.proto.v1.CibResponse;
import io.raftbeat.proto.v1.Event;
import io.raftbeat.proto.v1.LeaderResponse;
import io.raftbeat.proto.v1.ListEventsResponse;
import io.raftbeat.proto.v1.Member;
import io.raftbeat.proto.v1.WatchResponse;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The CLI against members that answer as scripted: member selection, Pacemaker exit codes, watch resumption. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RemoteCommandsTest {
    private ScriptedMember first;
    private ScriptedMember second;

    @BeforeEach
    void start() throws IOException {
        first = new ScriptedMember();
        second = new ScriptedMember();
    }

    @AfterEach
    void stop() {
        first.close();
        second.close();
    }

    private static String closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return "127.0.0.1:" + socket.getLocalPort();
        }
    }

    private static Map<String, String> servers(String... addresses) {
        return Map.of("CIB_SERVER", String.join(",", addresses));
    }

    private static Event event(long revision) {
        return Event.newBuilder()
                .setRevision(revision)
                .setTimeUnixMs(1_700_000_000_000L + revision)
                .setKind("cib-update")
                .setResource("test_8")
                .setSummary("change " + revision)
                .build();
    }

    @Test
    void refusalExitsWithTheMembersPacemakerCode() {
        first.cib = r -> {
            throw ScriptedMember.refusal(Status.Code.ALREADY_EXISTS, 108, "primitive test_8 already exists", "");
        };
        CliRun run = CliRun.run(servers(first.address()), "cibadmin", "-C", "-o", "resources", "-X", "<x id='a'/>");
        assertEquals(108, run.exitCode());
        assertEquals("Call failed: primitive test_8 already exists", run.err().strip());
        assertEquals(1, first.cibCalls.size(), "a refusal is final: not retried");
    }

    @Test
    void memberThatDoesNotAnswerIsSkipped() throws IOException {
        first.cib = r -> CibResponse.newBuilder().setXml("<resources/>").build();
        CliRun run = CliRun.run(servers(closedPort(), first.address()), "cibadmin", "-Q", "-o", "resources");
        assertEquals(0, run.exitCode(), run.err());
        assertEquals("<resources/>\n", run.out());
    }

    @Test
    void writeFollowsTheLeaderTheMemberNames() {
        first.cib = r -> {
            throw ScriptedMember.refusal(Status.Code.UNAVAILABLE, 102, "not the leader", second.address());
        };
        second.cib = r -> CibResponse.newBuilder().setRevision(7).build();
        CliRun run = CliRun.run(servers(first.address()), "cibadmin", "-M", "-X", "<nvpair id='a' value='1'/>");
        assertEquals(0, run.exitCode(), run.err());
        assertEquals(1, second.cibCalls.size());
        assertEquals(
                first.cibCalls.get(0).getRequestId(), second.cibCalls.get(0).getRequestId());
    }

    @Test
    void noMemberReachableIsDisconnect() throws IOException {
        String a = closedPort();
        String b = closedPort();
        CliRun run = CliRun.run(servers(a, b), "cibadmin", "-Q");
        assertEquals(102, run.exitCode());
        assertEquals(
                "Could not connect to the cluster (tried " + a + ", " + b + ")",
                run.err().strip());
    }

    @Test
    void noLeaderUntilTheTimeoutIsTimeout() {
        first.cib = r -> {
            throw ScriptedMember.refusal(Status.Code.UNAVAILABLE, 102, "no leader elected", "");
        };
        CliRun run = CliRun.run(servers(first.address()), "cibadmin", "-C", "-t", "1", "-X", "<x id='a'/>");
        assertEquals(124, run.exitCode());
        assertTrue(run.oneErrorLine() && run.err().contains("no leader elected"), run.err());
        assertTrue(first.cibCalls.size() > 1, "asked again while waiting for a leader");
    }

    @Test
    void memberThatAcceptsButNeverAnswersIsTimeout() throws IOException {
        // A listening socket that never speaks HTTP/2: the member is there but silent (e.g. stopped with SIGSTOP).
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            String address = "127.0.0.1:" + silent.getLocalPort();
            CliRun run = CliRun.run(servers(address), "cibadmin", "-Q", "-t", "1");
            assertEquals(124, run.exitCode(), run.err());
            assertTrue(run.oneErrorLine() && run.err().contains(address), run.err());
        }
    }

    @Test
    void leaderPrintsItsNameFirst() {
        first.leader = r -> LeaderResponse.newBuilder()
                .setLeader(Member.newBuilder().setId("store2").setGrpcAddress("127.0.0.1:7002"))
                .setTerm(3)
                .build();
        CliRun run = CliRun.run(servers(first.address()), "raftbeat", "leader");
        assertEquals(0, run.exitCode(), run.err());
        assertEquals("store2 127.0.0.1:7002 term 3\n", run.out());
    }

    private static LeaderResponse leaderIs(String id, long term) {
        return LeaderResponse.newBuilder()
                .setLeader(Member.newBuilder().setId(id).setGrpcAddress("127.0.0.1:700" + id.charAt(5)))
                .setTerm(term)
                .build();
    }

    @Test
    void transferLeaderWaitsUntilTheNamedMemberLeads() {
        AtomicInteger asked = new AtomicInteger();
        first.transfer = r -> leaderIs("store1", 2); // answered before the election finished
        first.leader = r -> asked.incrementAndGet() < 3 ? leaderIs("store1", 2) : leaderIs("store2", 3);
        CliRun run = CliRun.run(servers(first.address()), "raftbeat", "transfer-leader", "store2");
        assertEquals(0, run.exitCode(), run.err());
        assertEquals("store2 127.0.0.1:7002 term 3\n", run.out());
        assertEquals(3, asked.get());
    }

    @Test
    void transferLeaderThatNeverHappensIsTimeout() {
        first.transfer = r -> leaderIs("store1", 2);
        first.leader = r -> leaderIs("store1", 2);
        CliRun run = CliRun.run(servers(first.address()), "raftbeat", "transfer-leader", "store2", "-t", "1");
        assertEquals(124, run.exitCode(), run.err());
        assertTrue(run.oneErrorLine() && run.err().contains("store1 127.0.0.1:7001 term 2"), run.err());
    }

    @Test
    void noLeaderElectedExits102() {
        first.leader = r -> LeaderResponse.newBuilder().setTerm(2).build();
        CliRun run = CliRun.run(servers(first.address()), "raftbeat", "leader");
        assertEquals(102, run.exitCode());
        assertTrue(run.oneErrorLine(), run.err());
    }

    @Test
    void followResumesOnAnotherMemberWithoutGapOrDuplicate() {
        first.events = r -> ListEventsResponse.newBuilder()
                .addEvents(event(1))
                .addEvents(event(2))
                .setRevision(2)
                .build();
        first.watch =
                r -> List.of(WatchResponse.newBuilder().addEvents(event(3)).build());
        // The second member repeats revision 3 (it resumes from what it was asked): the client skips it.
        second.watch = r -> List.of(WatchResponse.newBuilder()
                .addEvents(event(3))
                .addEvents(event(4))
                .addEvents(event(5))
                .build());
        CliRun run = CliRun.run(
                servers(first.address(), second.address()), "raftbeat", "events", "--follow", "--limit", "5");
        assertEquals(0, run.exitCode(), run.err());
        List<Long> revisions = run.out()
                .lines()
                .map(line -> Long.parseLong(line.split(" ")[0]))
                .toList();
        assertEquals(LongStream.rangeClosed(1, 5).boxed().toList(), revisions);
        assertEquals(2, first.watchCalls.get(0).getFromRevision());
        assertEquals(3, second.watchCalls.get(0).getFromRevision());
        assertTrue(run.out().lines().allMatch(line -> line.contains(" cib-update -/test_8 change ")), run.out());
    }

    @Test
    void eventsWithoutFollowPagesUntilNothingIsLeft() {
        first.events = r -> {
            long since = r.getSinceRevision();
            ListEventsResponse.Builder page = ListEventsResponse.newBuilder().setRevision(5);
            for (long rev = since + 1; rev <= Math.min(5, since + 2); rev++) {
                page.addEvents(event(rev));
            }
            return page.build();
        };
        CliRun run = CliRun.run(servers(first.address()), "raftbeat", "events", "--since", "1");
        assertEquals(0, run.exitCode(), run.err());
        assertEquals(4, run.out().lines().count(), run.out());
        assertTrue(run.out().startsWith("2 2023-11-14T22:13:20.002Z cib-update -/test_8 change 2"), run.out());
    }
}
