package io.raftbeat.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Membership changes through {@code raftbeat add-member} and {@code remove-member} on real processes. */
class MembershipIT {
    @RegisterExtension
    static final StoreCluster cluster = new StoreCluster(1);

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void addedMemberCatchesUpAndRemovedMemberLeavesTheGroup() throws Exception {
        cluster.awaitLeader();
        CliResult before = Cli.cibadmin(cluster.servers(), "-C", "-o", "resources", "-X", Cibs.primitive("before"));
        assertTrue(before.ok(), before.toString());

        String spare = cluster.spareIds().get(0);
        cluster.start(spare);
        // jraft gives a new peer a bounded time to catch up: add it once it is listening.
        Cibs.await(spare + " answers", 60_000, () -> Cli.cibadmin(cluster.address(spare), "-Q", "-l", "-n")
                .ok());
        CliResult add = Cli.raftbeat(
                cluster.servers(), "add-member", spare, cluster.raftAddress(spare), cluster.address(spare));
        assertTrue(add.ok(), add.toString());
        assertTrue(add.out().lines().anyMatch(line -> line.startsWith(spare + " ")), add.out());
        Cibs.await(spare + " holds the CIB written before it joined", 60_000, () -> {
            CliResult local = Cli.cibadmin(cluster.address(spare), "-Q", "-l", "-o", "resources");
            return local.ok() && Cibs.primitiveIds(local.out()).contains("before");
        });

        CliResult remove = Cli.raftbeat(cluster.servers(), "remove-member", spare);
        assertTrue(remove.ok(), remove.toString());
        assertTrue(remove.out().lines().noneMatch(line -> line.startsWith(spare + " ")), remove.out());
        CliResult members = Cli.raftbeat(cluster.servers(), "members");
        assertTrue(members.ok(), members.toString());
        assertEquals(4, members.out().lines().count(), "a header and the three first members: " + members.out());
    }
}
