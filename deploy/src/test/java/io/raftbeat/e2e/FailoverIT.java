package io.raftbeat.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A 3-member cluster of real processes driven by the real CLI: replication, leader loss, catch-up, watch. */
class FailoverIT {
    @RegisterExtension
    static final StoreCluster cluster = new StoreCluster();

    @BeforeEach
    void allMembersRunning() throws IOException, InterruptedException {
        cluster.ensureAllRunning();
    }

    private List<String> followers(String leader) {
        return cluster.ids().stream().filter(id -> !id.equals(leader)).toList();
    }

    private static Set<String> localResources(String address) {
        CliResult query = Cli.cibadmin(address, "-Q", "-l", "-o", "resources");
        return query.ok() ? Cibs.primitiveIds(query.out()) : Set.of();
    }

    /** Waits until the member's own state (a local read) holds every id. */
    private static void awaitOnMember(String address, Set<String> ids) throws InterruptedException {
        Cibs.await(address + " holds all " + ids.size() + " acknowledged writes", 60_000, () -> localResources(address)
                .containsAll(ids));
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void writeOnAFollowerIsReadOnAnother() throws InterruptedException {
        String leader = cluster.awaitLeader();
        List<String> followers = followers(leader);
        CliResult write = Cli.cibadmin(
                cluster.address(followers.get(0)), "-C", "-o", "resources", "-X", Cibs.primitive("via-follower"));
        assertTrue(write.ok(), write.toString());
        // A linearizable read on the other follower sees the acknowledged write at once.
        CliResult read = Cli.cibadmin(cluster.address(followers.get(1)), "-Q", "-o", "resources");
        assertTrue(read.ok(), read.toString());
        assertTrue(Cibs.primitiveIds(read.out()).contains("via-follower"), read.out());
    }

    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void leaderKilledDuringWritesLosesNoAcknowledgedWriteAndTheWatchMissesNothing() throws Exception {
        String leader = cluster.awaitLeader();
        Writers writers = new Writers(cluster.servers(), "kill");
        // The watch starts on the leader, so the kill breaks its stream and it must resume on another member.
        try (FollowedEvents followed = new FollowedEvents(cluster.serversStartingWith(leader), 0)) {
            writers.start(3);
            Cibs.await("writes acknowledged before the kill", 60_000, () -> writers.acknowledgedCount() >= 6);
            int beforeKill = writers.acknowledgedCount();
            cluster.kill9(leader);
            String newLeader = cluster.awaitLeaderOtherThan(leader);
            Cibs.await(
                    "writes acknowledged after the kill", 60_000, () -> writers.acknowledgedCount() >= beforeKill + 6);
            Set<String> acknowledged = writers.stopAndJoin();

            List<Long> expected = listedRevisions(cluster.address(newLeader));
            long last = expected.get(expected.size() - 1);
            Cibs.await("the watch reaches revision " + last, 60_000, () -> {
                List<Long> seen = followed.revisions();
                return !seen.isEmpty() && seen.get(seen.size() - 1) >= last;
            });
            List<Long> seen =
                    followed.revisions().stream().filter(r -> r <= last).toList();
            assertEquals(expected, seen, "the watch saw every revision once, in order, across the leader kill");
            assertTrue(followed.alive(), "the watch is still following");

            cluster.start(leader);
            for (String id : cluster.ids()) {
                awaitOnMember(cluster.address(id), acknowledged);
            }
            System.out.printf(
                    "leader kill: %s killed, %s took over; %d writes acknowledged (%d before the kill), %s;"
                            + " the watch saw %d revisions%n",
                    leader, newLeader, acknowledged.size(), beforeKill, writers.failureSummary(), seen.size());
        } finally {
            writers.stopAndJoin();
        }
    }

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void killedMemberCatchesUpAfterRestart() throws Exception {
        String leader = cluster.awaitLeader();
        String victim = followers(leader).get(0);
        cluster.kill9(victim);
        Set<String> written = new HashSet<>();
        for (int k = 0; k < 5; k++) {
            String id = "while-down-" + k;
            CliResult write = Cli.cibadmin(cluster.servers(), "-C", "-o", "resources", "-X", Cibs.primitive(id));
            assertTrue(write.ok(), write.toString());
            written.add(id);
        }
        assertTrue(localResources(cluster.address(leader)).containsAll(written));
        cluster.start(victim);
        awaitOnMember(cluster.address(victim), written);
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void leadershipMovesToTheNamedMember() throws InterruptedException {
        String leader = cluster.awaitLeader();
        String target = followers(leader).get(0);
        CliResult transfer = Cli.raftbeat(cluster.servers(), "transfer-leader", target, "-t", "30");
        assertTrue(transfer.ok(), transfer.toString());
        assertTrue(transfer.out().startsWith(target + " "), transfer.out());
        assertEquals(target, cluster.awaitLeaderOtherThan(leader));
        CliResult unknown = Cli.raftbeat(cluster.servers(), "transfer-leader", "store9");
        assertEquals(105, unknown.exitCode(), unknown.toString());
        assertTrue(unknown.oneErrorLine(), unknown.toString());
    }

    /** Every revision the event log holds, listed (not watched) from one member. */
    private static List<Long> listedRevisions(String address) {
        CliResult list = Cli.raftbeat(address, "events", "--since", "0");
        assertTrue(list.ok(), list.toString());
        List<Long> revisions = new ArrayList<>();
        list.out().lines().forEach(line -> revisions.add(Long.parseLong(line.substring(0, line.indexOf(' ')))));
        assertTrue(!revisions.isEmpty(), "the event log is empty");
        return revisions;
    }
}
