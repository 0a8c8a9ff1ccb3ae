package io.raftbeat.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs one of Pacemaker's own tools offline on a CIB file, for differential tests. */
final class Pacemaker {
    private Pacemaker() {}

    static CliRun run(Path tool, Path cib, List<String> args) throws IOException, InterruptedException {
        return run(tool, Map.of("CIB_file", cib.toString()), args);
    }

    static CliRun run(Path tool, Map<String, String> env, List<String> args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(tool.toString()));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(env);
        Path out = Files.createTempFile("pacemaker-out", ".txt");
        Path err = Files.createTempFile("pacemaker-err", ".txt");
        try {
            Process process = builder.redirectOutput(out.toFile())
                    .redirectError(err.toFile())
                    .start();
            assertTrue(process.waitFor(60, TimeUnit.SECONDS), tool + " " + args + " hung");
            return new CliRun(
                    process.exitValue(),
                    Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
