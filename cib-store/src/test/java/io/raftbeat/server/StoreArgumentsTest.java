package io.raftbeat.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(10)
class StoreArgumentsTest {
    private static final String PEERS = "store1=127.0.0.1:7101/127.0.0.1:7001,store2=127.0.0.1:7102/127.0.0.1:7002,"
            + "store3=127.0.0.1:7103/127.0.0.1:7003";

    @TempDir
    Path dir;

    @Test
    void flagsGiveEveryOptionAndAddressesDefaultToTheMembersPeerEntry() throws Exception {
        StoreOptions o = StoreArguments.parse(
                "--id",
                "store2",
                "--peers",
                PEERS,
                "--data",
                dir.toString(),
                "--election-timeout-ms",
                "700",
                "--max-xml-bytes=1000",
                "--event-max-count",
                "50",
                "--event-max-age-s",
                "60",
                "--join",
                "true",
                "--lease-ms",
                "2500");
        assertEquals("store2", o.id());
        assertEquals(2500, o.leaseMs());
        assertTrue(o.join());
        assertEquals(new HostPort("127.0.0.1", 7102), o.raftAddress());
        assertEquals(new HostPort("127.0.0.1", 7002), o.grpcAddress());
        assertEquals(3, o.peers().size());
        assertEquals(700, o.electionTimeoutMs());
        assertEquals(1000, o.cib().maxXmlBytes());
        assertEquals(1000 + StoreOptions.MESSAGE_MARGIN_BYTES, o.maxMessageBytes());
        assertEquals(50, o.retention().maxEvents());
        assertEquals(Duration.ofSeconds(60), o.retention().maxAge());
        assertEquals(StoreOptions.DEFAULT_SNAPSHOT_INTERVAL_SECS, o.snapshotIntervalSecs());
    }

    @Test
    void configFileIsReadAndFlagsWin() throws Exception {
        Path conf = dir.resolve("store.properties");
        Files.writeString(conf, "id=store1\npeers=" + PEERS + "\ndata=" + dir + "\ngrpc=0.0.0.0:7001\n");
        StoreOptions o = StoreArguments.parse("--config", conf.toString(), "--grpc", "127.0.0.1:9001");
        assertEquals("store1", o.id());
        assertEquals(new HostPort("127.0.0.1", 9001), o.grpcAddress());
        assertEquals(1000, o.electionTimeoutMs());
    }

    @Test
    void badInputNamesWhatIsWrong() {
        assertMessage("--id store9 is not named in --peers", "--id", "store9", "--peers", PEERS, "--data", "d");
        assertMessage("--data is required", "--id", "store1", "--peers", PEERS);
        assertMessage("unknown flag --bogus", "--bogus", "1");
        assertMessage("is not ID=RAFT_HOST:PORT/GRPC_HOST:PORT", "--id", "a", "--peers", "a=1.2.3.4", "--data", "d");
        assertMessage("has no valid port", "--id", "a", "--peers", "a=h:1/h:x", "--data", "d");
        assertMessage(
                "--election-timeout-ms must be a positive number",
                "--id",
                "store1",
                "--peers",
                PEERS,
                "--data",
                "d",
                "--election-timeout-ms",
                "-5");
    }

    private static void assertMessage(String expected, String... args) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> StoreArguments.parse(args));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
