package io.raftbeat.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Our crm_mon against Pacemaker's own ({@code /usr/sbin/crm_mon}, Debian's pacemaker-cli-utils) on the CIB fixtures
 * in {@code src/test/resources/status}, with {@code CIB_file}: every line must match except four that cannot:
 * {@code Last updated} (the clock), {@code Stack} (Pacemaker reads the cluster-infrastructure property, ours is
 * always raftbeat), {@code Current DC} (Pacemaker adds the DC's dc-version property and its daemon state) and
 * {@code Last change} (Pacemaker appends the user, client and origin of the last write, which we do not keep).
 * Our one addition, the warning that fencing is disabled ({@link StatusText#FENCING_DISABLED}), is dropped too.
 * Fails, rather than skips, where Pacemaker's crm_mon is not installed.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class CrmMonDifferentialTest {
    private static final Path PACEMAKER = Path.of("/usr/sbin/crm_mon");
    private static final List<String> UNMATCHABLE = List.of(
            "  * Last updated: ", "  * Stack: ", "  * Current DC: ", "  * Last change: ", StatusText.FENCING_DISABLED);
    private static final List<List<String>> FLAGS =
            List.of(List.of("-1"), List.of("-1", "-f"), List.of("-1", "-r"), List.of("-1", "-r", "-f"));

    @Test
    void statusTextMatchesPacemakersOnEveryFixture() throws Exception {
        assertTrue(
                Files.isExecutable(PACEMAKER),
                "Pacemaker's crm_mon is needed for this test: apt-get install pacemaker-cli-utils");
        List<Path> fixtures = fixtures();
        assertTrue(fixtures.size() >= 5, "fixtures: " + fixtures);
        List<String> mismatches = new ArrayList<>();
        for (Path cib : fixtures) {
            for (List<String> flags : FLAGS) {
                CliRun theirs = Pacemaker.run(PACEMAKER, cib, flags);
                CliRun ours = ours(cib, flags);
                assertEquals(0, theirs.exitCode(), cib + " " + flags + ": " + theirs.err());
                assertEquals(0, ours.exitCode(), cib + " " + flags + ": " + ours.err());
                String expected = comparable(theirs.out());
                String actual = comparable(ours.out());
                if (!expected.equals(actual)) {
                    mismatches.add(
                            cib.getFileName() + " " + flags + "\n--- Pacemaker:\n" + expected + "--- ours:\n" + actual);
                }
            }
        }
        assertEquals(List.of(), mismatches);
    }

    @Test
    void theComparisonWouldSeeADifference() throws Exception {
        // Guards the filter above: only the four named lines are dropped, so a changed state line shows.
        String pacemaker = "Cluster Summary:\n  * Stack: unknown\n\n  * d1\t(ocf:heartbeat:Dummy):\t Started node1\n";
        assertEquals("Cluster Summary:\n\n  * d1\t(ocf:heartbeat:Dummy):\t Started node1\n", comparable(pacemaker));
    }

    static List<Path> fixtures() throws IOException, URISyntaxException {
        Path dir = Path.of(CrmMonDifferentialTest.class.getResource("/status").toURI());
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".xml")).sorted().toList();
        }
    }

    private static CliRun ours(Path cib, List<String> flags) {
        List<String> args = new ArrayList<>(List.of("crm_mon"));
        args.addAll(flags);
        return CliRun.run(Map.of("CIB_file", cib.toString()), args.toArray(String[]::new));
    }

    private static String comparable(String out) {
        StringBuilder kept = new StringBuilder();
        out.lines()
                .filter(line -> UNMATCHABLE.stream().noneMatch(line::startsWith))
                .forEach(line -> kept.append(line).append('\n'));
        return kept.toString();
    }
}
