package io.raftbeat.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Pacemaker's own scheduler regression cases, scored with the shared {@code cts-score} tool against our
 * {@code crm_simulate}: the pass count may only go up. A missing python3, scorer or corpus fails the test (it must
 * never pass by not running). The corpus is found at {@code -Draftbeat.shared=DIR}, beside the checkout
 * ({@code ../shared}), or in {@code /work/shared}.
 */
@Timeout(value = 30, unit = TimeUnit.MINUTES)
class CtsScoreIT {
    /** The count reached so far; raise it with every scheduler improvement, never lower it. */
    private static final int PASSING = 130;

    private static final Path MACHINE_SHARED = Path.of("/work/shared");

    private static final Pattern SCORE = Pattern.compile("(?m)^(\\d+) passed, (\\d+) failed$");

    @Test
    void crmSimulatePassesAtLeastAsManyPacemakerCasesAsBefore() throws Exception {
        Path shared = shared();
        Path scorer = shared.resolve("tools/cts-score");
        Path cases = shared.resolve("pacemaker-cts");
        assertTrue(Files.isRegularFile(scorer), "the CTS scorer is missing: " + scorer);
        assertTrue(Files.isDirectory(cases), "the Pacemaker CTS corpus is missing: " + cases);
        Path output = Files.createTempFile("cts-score", ".txt");
        try {
            Process p;
            try {
                p = new ProcessBuilder(
                                "python3",
                                scorer.toString(),
                                "--cases",
                                cases.toString(),
                                "--",
                                Checkout.cliScript("crm_simulate").toString())
                        .redirectErrorStream(true)
                        .redirectOutput(output.toFile())
                        .start();
            } catch (IOException e) {
                fail("cannot run python3 for the CTS scorer: " + e.getMessage());
                return;
            }
            int exit = p.waitFor();
            String text = Files.readString(output, StandardCharsets.UTF_8);
            assertEquals(0, exit, "cts-score failed:\n" + text);
            Matcher m = SCORE.matcher(text);
            assertTrue(m.find(), "no score line in the scorer's output:\n" + text);
            int passed = Integer.parseInt(m.group(1));
            assertTrue(passed >= PASSING, "CTS pass count fell to " + passed + " (was " + PASSING + "):\n" + text);
        } finally {
            Files.deleteIfExists(output);
        }
    }

    /**
     * The shared folder: {@code -Draftbeat.shared}, else beside the checkout, else this project's machine-wide copy
     * ({@code /work/shared}, where a clean clone made elsewhere, as CI's is, still finds it).
     */
    private static Path shared() {
        String property = System.getProperty("raftbeat.shared");
        if (property != null && !property.isBlank()) {
            return Path.of(property);
        }
        Path beside = Checkout.ROOT.getParent().resolve("shared");
        return Files.isDirectory(beside.resolve("pacemaker-cts")) ? beside : MACHINE_SHARED;
    }
}
