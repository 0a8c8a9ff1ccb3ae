package io.raftbeat.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class RaftbeatArgumentsTest {
    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "frobnicate",
                "events --limit 0",
                "events --since -1",
                "events --since abc",
                "leader -t 0",
                "leader extra",
                "transfer-leader",
                "add-member store4 127.0.0.1:7104",
                "add-member store4 nowhere 127.0.0.1:7004",
                "remove-member"
            })
    void badArgumentsAreUsageErrors(String args) {
        String[] words = ("raftbeat " + args).strip().split(" ");
        CliRun run = CliRun.run(Map.of("CIB_SERVER", "127.0.0.1:1"), words);
        assertEquals(64, run.exitCode(), run.err());
        assertTrue(run.oneErrorLine(), "one line expected, got: " + run.err());
    }
}
