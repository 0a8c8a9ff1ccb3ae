package io.raftbeat.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.alipay.sofa.jraft.Status;
import io.raftbeat.proto.v1.CibResponse;
import io.raftbeat.testing.MiniCibCluster;
import io.raftbeat.testing.MiniCibClusterTest;
import io.raftbeat.testing.Requests;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A member that was down comes back: from the leader's log, or from a snapshot when the log was compacted. */
@Timeout(120)
class CatchUpTest extends MiniCibClusterTest {
    @Test
    void stoppedMemberCatchesUpFromTheLog() throws Exception {
        cluster = MiniCibCluster.start(dir);
        StoreMember leader = cluster.awaitLeader();
        String down = cluster.aFollower().id();
        cluster.stopMember(down);
        CibResponse last = null;
        for (int i = 0; i < 10; i++) {
            last = cluster.cib(leader.id()).apply(Requests.createPrimitive("while-down" + i));
        }
        cluster.startMember(down);
        cluster.awaitRevision(down, last.getRevision());
        assertSameCib(leader.id(), down);
        assertTrue(snapshots(down).isEmpty(), "caught up from the log, no snapshot needed");
    }

    @Test
    void stoppedMemberCatchesUpFromASnapshotWhenTheLogIsCompacted() throws Exception {
        cluster = MiniCibCluster.start(dir);
        StoreMember leader = cluster.awaitLeader();
        String down = cluster.aFollower().id();
        cluster.stopMember(down);
        for (int i = 0; i < 10; i++) {
            cluster.cib(leader.id()).apply(Requests.createPrimitive("before-snapshot" + i));
        }
        // jraft truncates its log only up to the snapshot before the latest one: take two.
        for (int round = 0; round < 2; round++) {
            cluster.cib(leader.id()).apply(Requests.createPrimitive("between-snapshots" + round));
            for (StoreMember m : cluster.running()) {
                snapshot(m);
            }
        }
        CibResponse last = cluster.cib(leader.id()).apply(Requests.createPrimitive("after-snapshot"));
        cluster.startMember(down);
        cluster.awaitRevision(down, last.getRevision());
        assertSameCib(leader.id(), down);
        assertTrue(!snapshots(down).isEmpty(), "the member installed the leader's snapshot");
        // And it serves what the snapshot brought after a restart of its own.
        cluster.stopMember(down);
        cluster.startMember(down);
        cluster.awaitRevision(down, last.getRevision());
        assertSameCib(leader.id(), down);
    }

    private static void snapshot(StoreMember m) throws Exception {
        CompletableFuture<Status> done = new CompletableFuture<>();
        m.node().snapshot(done::complete);
        Status st = done.get();
        assertTrue(st.isOk(), "snapshot on " + m.id() + ": " + st);
    }

    private void assertSameCib(String a, String b) {
        CibResponse ra = cluster.cib(a).query(Requests.queryAll(true));
        CibResponse rb = cluster.cib(b).query(Requests.queryAll(true));
        assertEquals(ra.getRevision(), rb.getRevision());
        assertEquals(ra.getXml(), rb.getXml());
    }

    private java.util.List<Path> snapshots(String id) throws IOException {
        Path d = cluster.options(id).dataDir().resolve("raft/snapshot");
        if (!Files.isDirectory(d)) {
            return java.util.List.of();
        }
        try (Stream<Path> s = Files.list(d)) {
            return s.filter(p -> p.getFileName().toString().startsWith("snapshot_"))
                    .toList();
        }
    }
}
