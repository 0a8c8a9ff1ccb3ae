package io.raftbeat.cib;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.raftbeat.cib.CibadminCases.Case;
import io.raftbeat.proto.v1.CibOperation;
import io.raftbeat.proto.v1.CibRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs each case both through Pacemaker's {@code CIB_file=... cibadmin} and through {@link CibOperations}, and
 * compares every step's exit code, query output and resulting CIB (normalised by {@link CibNormalizer}). Without
 * /usr/sbin/cibadmin it is skipped, except in CI (environment variable CI set), where it fails.
 */
@Timeout(120)
class CibadminDifferentialTest {
    @BeforeAll
    static void requireCibadmin() {
        if (!Cibadmin.installed()) {
            if (System.getenv("CI") != null) {
                fail("Pacemaker's cibadmin is missing at " + Cibadmin.BINARY + " (install pacemaker-cli-utils)");
            }
            Assumptions.abort("Pacemaker's cibadmin is not installed at " + Cibadmin.BINARY);
        }
    }

    static List<Case> cases() {
        return CibadminCases.all();
    }

    @Test
    void theTableCoversEveryOperation() {
        List<Case> cases = cases();
        assertTrue(cases.size() >= 40, "cases: " + cases.size());
        for (CibOperation op : List.of(
                CibOperation.CIB_QUERY,
                CibOperation.CIB_CREATE,
                CibOperation.CIB_MODIFY,
                CibOperation.CIB_REPLACE,
                CibOperation.CIB_DELETE,
                CibOperation.CIB_DELETE_ALL,
                CibOperation.CIB_ERASE,
                CibOperation.CIB_BUMP)) {
            boolean covered = cases.stream()
                    .flatMap(c -> c.steps().stream())
                    .anyMatch(step -> Cibadmin.request(step).getOperation() == op);
            assertTrue(covered, op + " is not covered");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void behavesAsPacemakersCibadmin(Case testCase, @TempDir Path dir) throws Exception {
        Path file = dir.resolve("cib.xml");
        Cibadmin.Result empty = Cibadmin.run(file, List.of("-a"));
        assertEquals(0, empty.exitCode(), empty.stderr());
        Files.writeString(file, empty.stdout(), StandardCharsets.UTF_8);
        Cib ours = Cib.empty();
        int n = 0;
        for (List<String> step : testCase.steps()) {
            n++;
            String where = "step " + n + " " + step;
            Cibadmin.Result theirs = Cibadmin.run(file, step);
            CibRequest request = Cibadmin.request(step);
            int ourCode = 0;
            String ourOutput = null;
            try {
                if (request.getOperation() == CibOperation.CIB_QUERY) {
                    ourOutput = CibOperations.query(ours, request, CibOptions.defaults());
                } else {
                    CibOperations.apply(ours, request, CibOptions.defaults());
                }
            } catch (CibException e) {
                ourCode = e.error().exitCode();
                ourOutput = e.getMessage();
            }
            assertEquals(
                    theirs.exitCode(),
                    ourCode,
                    where + ": exit code (ours: " + ourOutput + "; theirs: "
                            + theirs.stderr().strip() + ")");
            if (request.getOperation() == CibOperation.CIB_QUERY && ourCode == 0) {
                assertEquals(
                        CibNormalizer.normalize(theirs.stdout()),
                        CibNormalizer.normalize(ourOutput),
                        where + ": output");
            }
            String theirCib = Files.readString(file, StandardCharsets.UTF_8);
            assertEquals(CibNormalizer.normalize(theirCib), CibNormalizer.normalize(ours.toXml()), where + ": CIB");
        }
    }
}
