package io.raftbeat.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The real cibadmin against a real cluster: the seed's Heartbeat 2 command, and bad input refused cleanly. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class CibadminIT {
    @RegisterExtension
    static final StoreCluster cluster = new StoreCluster();

    private static final String TEST_8 = "<primitive id=\"test_8\" class=\"ocf\" provider=\"heartbeat\" type=\"Dummy\">"
            + "<operations><op id=\"test_8_mon\" interval=\"10s\" name=\"monitor\" timeout=\"20s\"/></operations>"
            + "</primitive>";

    @BeforeAll
    static void createTest8() {
        CliResult create = Cli.cibadmin(cluster.servers(), "-C", "-o", "resources", "-X", TEST_8);
        assertTrue(create.ok(), create.toString());
    }

    @Test
    void seedUpdateChangesTheMonitorOfAnExistingPrimitive() {
        String before = Cibs.version(cluster.servers());
        // Exactly as the field report wrote it (Heartbeat 2's -U is --update).
        CliResult update = Cli.cibadmin(
                cluster.servers(),
                "-U",
                "-o",
                "resources",
                "-X",
                "<op id=\"test_8_mon\" interval=\"1s\" name=\"monitor\" timeout=\"2s\"/>");
        assertEquals(0, update.exitCode(), update.toString());
        CliResult op = Cli.cibadmin(cluster.servers(), "-Q", "-A", "//op[@id='test_8_mon']");
        assertTrue(op.ok(), op.toString());
        assertTrue(op.out().contains("interval=\"1s\"") && op.out().contains("timeout=\"2s\""), op.out());
        CliResult primitive = Cli.cibadmin(cluster.servers(), "-Q", "-A", "//primitive[@id='test_8']");
        assertTrue(primitive.out().contains("type=\"Dummy\""), "the rest of the primitive is kept: " + primitive);
        assertTrue(!before.equals(Cibs.version(cluster.servers())), "a configuration change bumps the epoch");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            malformed XML   | 65  | -C -o resources -X <primitive id="broken"
            DOCTYPE         | 65  | -C -o resources -X <!DOCTYPE p [<!ENTITY e SYSTEM "file:///etc/passwd">]><primitive id="&e;"/>
            missing id      | 78  | -C -o constraints -X <rsc_location rsc="test_8" node="node1" score="100"/>
            existing id     | 108 | -C -o resources -X <primitive id="test_8" class="ocf" provider="heartbeat" type="Dummy"/>
            unknown scope   | 64  | -C -o nosuchsection -X <primitive id="elsewhere" class="ocf" provider="heartbeat" type="Dummy"/>
            bad XPath       | 105 | -Q -A //primitive[
            old version     | 103 | -M -X <cib admin_epoch="0" epoch="0" num_updates="0"/>
            no such object  | 105 | -M -o resources -X <op id="nonexistent" name="monitor" interval="1s"/>
            """)
    void badInputIsRefusedInOneLineAndChangesNothing(String what, int exitCode, String args) {
        String before = Cibs.version(cluster.servers());
        CliResult result = Cli.cibadmin(cluster.servers(), splitArgs(args));
        assertEquals(exitCode, result.exitCode(), what + ": " + result);
        assertTrue(result.oneErrorLine(), what + ": one line on stderr expected: " + result);
        assertEquals(before, Cibs.version(cluster.servers()), what + ": the CIB is unchanged");
        assertTrue(cluster.allAlive(), what + ": every member is still running");
    }

    @Test
    void documentOverTheSizeLimitIsRefused(@TempDir Path dir) throws IOException {
        Path big = dir.resolve("big.xml");
        String value = "A".repeat(17 * 1024 * 1024); // over the default 16 MiB limit
        Files.writeString(
                big,
                "<primitive id=\"big\" class=\"ocf\" provider=\"heartbeat\" type=\"Dummy\"><meta_attributes id=\"big-m\">"
                        + "<nvpair id=\"big-n\" name=\"x\" value=\"" + value + "\"/></meta_attributes></primitive>");
        String before = Cibs.version(cluster.servers());
        CliResult result = Cli.cibadmin(cluster.servers(), "-C", "-o", "resources", "-x", big.toString());
        assertEquals(65, result.exitCode(), result.toString());
        assertTrue(result.oneErrorLine(), result.toString());
        assertEquals(before, Cibs.version(cluster.servers()));
        assertTrue(cluster.allAlive());
    }

    @Test
    void unreachableServerIsDisconnect() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        CliResult result = Cli.cibadmin("127.0.0.1:" + port, "-Q");
        assertEquals(102, result.exitCode(), result.toString());
        assertEquals(
                "Could not connect to the cluster (tried 127.0.0.1:" + port + ")",
                result.err().strip());
    }

    /** "-X rest of line" keeps the XML whole; the words before it are options. */
    private static String[] splitArgs(String args) {
        int xml = args.indexOf("-X ");
        String[] options =
                args.substring(0, xml < 0 ? args.length() : xml).trim().split(" ");
        if (xml < 0) {
            return options;
        }
        String[] all = new String[options.length + 2];
        System.arraycopy(options, 0, all, 0, options.length);
        all[options.length] = "-X";
        all[options.length + 1] = args.substring(xml + 3);
        return all;
    }
}
