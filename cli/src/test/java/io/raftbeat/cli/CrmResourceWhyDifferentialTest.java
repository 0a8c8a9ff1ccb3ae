package io.raftbeat.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.raftbeat.cib.SafeXml;
import io.raftbeat.status.ClusterStatus;
import io.raftbeat.status.ConfiguredResource;
import io.raftbeat.status.NodeStatus;
import io.raftbeat.status.StatusUnpacker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Our {@code crm_resource --why} against Pacemaker's ({@code /usr/sbin/crm_resource}) with {@code CIB_file}, on
 * every status fixture: all resources, each resource (at any depth), each resource on each node, each node, and a
 * missing resource and node. Pacemaker's lines must all be there, in order and alone, once our own reason lines
 * ({@code 'ID' cannot run on NODE: ...}, which Pacemaker does not print) are set aside; exit codes must agree. For
 * errors only the exit code is compared (Pacemaker adds "Error performing operation"). Fails where Pacemaker's
 * crm_resource is not installed.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class CrmResourceWhyDifferentialTest {
    private static final Path PACEMAKER = Path.of("/usr/sbin/crm_resource");
    private static final Pattern OUR_REASON = Pattern.compile("^'[^']+' cannot run on \\S+: .+$");

    @Test
    void whyMatchesPacemakerOnEveryFixture() throws Exception {
        assertTrue(
                Files.isExecutable(PACEMAKER),
                "Pacemaker's crm_resource is needed: apt-get install pacemaker-cli-utils");
        List<String> mismatches = new ArrayList<>();
        int compared = 0;
        for (Path cib : CrmMonDifferentialTest.fixtures()) {
            for (List<String> args : queries(cib)) {
                CliRun theirs = Pacemaker.run(PACEMAKER, cib, args);
                List<String> command = new ArrayList<>(List.of("crm_resource"));
                command.addAll(args);
                CliRun ours = CliRun.run(Map.of("CIB_file", cib.toString()), command.toArray(String[]::new));
                compared++;
                boolean same = theirs.exitCode() == ours.exitCode()
                        && (theirs.exitCode() != 0 || theirs.out().equals(pacemakersLines(ours.out())));
                if (!same) {
                    mismatches.add(cib.getFileName() + " " + args + "\n--- Pacemaker (" + theirs.exitCode() + "):\n"
                            + theirs.out() + theirs.err() + "--- ours (" + ours.exitCode() + "):\n" + ours.out()
                            + ours.err());
                }
            }
        }
        assertEquals(List.of(), mismatches);
        assertTrue(compared > 100, "only " + compared + " queries compared");
    }

    @Test
    void onlyOurReasonLinesAreSetAside() {
        String ours = "Resource d1 is not running\n'd1' cannot run on node2: the node is in standby\n"
                + "Configuration specifies 'd1' should remain stopped\n'd1' is locked to node node1 due to shutdown\n";
        assertEquals(
                "Resource d1 is not running\nConfiguration specifies 'd1' should remain stopped\n"
                        + "'d1' is locked to node node1 due to shutdown\n",
                pacemakersLines(ours));
    }

    private static List<List<String>> queries(Path cib) throws Exception {
        ClusterStatus status = StatusUnpacker.unpack(SafeXml.parse(Files.readString(cib), 64 << 20));
        List<String> nodes = status.nodes().stream().map(NodeStatus::name).toList();
        List<String> resources = status.resources().stream()
                .flatMap(CrmResourceWhyDifferentialTest::withChildren)
                .map(ConfiguredResource::id)
                .toList();
        List<List<String>> queries = new ArrayList<>();
        queries.add(List.of("--why"));
        queries.add(List.of("-Y", "-r", "no-such-resource"));
        queries.add(List.of("-Y", "-N", "no-such-node"));
        for (String node : nodes) {
            queries.add(List.of("--why", "-N", node));
        }
        for (String rsc : resources) {
            queries.add(List.of("--why", "-r", rsc));
            for (String node : nodes) {
                queries.add(List.of("-Y", "-r", rsc, "-N", node));
            }
        }
        return queries;
    }

    private static Stream<ConfiguredResource> withChildren(ConfiguredResource r) {
        return Stream.concat(Stream.of(r), r.children().stream().flatMap(CrmResourceWhyDifferentialTest::withChildren));
    }

    private static String pacemakersLines(String ours) {
        StringBuilder kept = new StringBuilder();
        ours.lines().filter(l -> !OUR_REASON.matcher(l).matches()).forEach(l -> kept.append(l)
                .append('\n'));
        return kept.toString();
    }
}
