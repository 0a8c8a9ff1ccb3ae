package io.raftbeat.scheduler;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.raftbeat.cib.SafeXml;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Our scheduler against Pacemaker 2.1.5's ({@code /usr/sbin/crm_simulate}, Debian's pacemaker-cli-utils) on a few
 * hundred {@link RandomCluster}s: the Transition Summary must be the same, compared as the CTS scorer
 * ({@code cts-score}) compares. Seeds change from run to run; {@code -Draftbeat.diff.seed=N} replays from seed N
 * ({@code -Draftbeat.diff.count=1} for that one alone). A mismatch keeps its CIB under {@code target/scheduler-diff/}.
 * Fails, rather than skips, where Pacemaker's crm_simulate is not installed.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class SchedulerDifferentialTest {
    private static final Path PACEMAKER = Path.of("/usr/sbin/crm_simulate");
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private static final int REPORTED = 5;

    @Test
    void transitionSummariesMatchPacemakersOnRandomClusters() throws Exception {
        assertTrue(
                Files.isExecutable(PACEMAKER),
                PACEMAKER + " is missing: install Debian's pacemaker-cli-utils to run the differential test");
        long base = Long.getLong("raftbeat.diff.seed", new Random().nextInt(1 << 30));
        int count = Integer.getInteger("raftbeat.diff.count", 300);
        System.out.println("Scheduler differential test: seeds " + base + ".." + (base + count - 1)
                + " (replay with -Draftbeat.diff.seed=" + base + ")");
        Path kept = Files.createDirectories(Path.of("target", "scheduler-diff"));
        List<String> mismatches = new ArrayList<>();
        for (long seed = base; seed < base + count; seed++) {
            Path file = kept.resolve("seed-" + seed + ".xml");
            String xml = RandomCluster.cib(seed, NOW.getEpochSecond());
            Files.writeString(file, xml, StandardCharsets.UTF_8);
            List<String> theirs = pacemaker(file);
            List<String> ours = TransitionSummaries.normalised(
                    Scheduler.schedule(SafeXml.parse(xml, 1 << 22), NOW).summary());
            if (theirs.equals(ours)) {
                Files.delete(file);
            } else {
                mismatches.add("seed " + seed + " (" + file.toAbsolutePath() + ")\n  Pacemaker:\n    "
                        + String.join("\n    ", theirs) + "\n  Raftbeat:\n    " + String.join("\n    ", ours));
            }
        }
        if (!mismatches.isEmpty()) {
            fail(mismatches.size() + " of " + count + " random clusters (base seed " + base + ") differ from "
                    + "Pacemaker; the first " + Math.min(REPORTED, mismatches.size()) + ":\n"
                    + String.join("\n", mismatches.subList(0, Math.min(REPORTED, mismatches.size()))));
        }
    }

    /** Pacemaker's Transition Summary for the CIB file, normalised; fails on an error exit (a CIB it rejects). */
    private static List<String> pacemaker(Path cib) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(
                        PACEMAKER.toString(), "-x", cib.toString(), "-R", "-t", "2026-01-01 00:00:00Z")
                .redirectErrorStream(true)
                .start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "crm_simulate hung on " + cib);
        if (process.exitValue() != 0) {
            fail("crm_simulate exited " + process.exitValue() + " on " + cib.toAbsolutePath() + ":\n" + out);
        }
        return TransitionSummaries.normalised(TransitionSummaries.section(out));
    }
}
