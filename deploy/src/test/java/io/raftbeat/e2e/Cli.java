package io.raftbeat.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the real command line tools ({@code cli/bin/cibadmin}, {@code cli/bin/raftbeat}) as subprocesses. */
final class Cli {
    private static final long RUN_LIMIT_SECONDS = 90;

    private Cli() {}

    static CliResult cibadmin(String servers, String... args) {
        return run("cibadmin", servers, args);
    }

    static CliResult raftbeat(String servers, String... args) {
        return run("raftbeat", servers, args);
    }

    /** Runs the program with {@code CIB_SERVER=servers} and waits for it (at most 90 s, then it is killed). */
    static CliResult run(String program, String servers, String... args) {
        try {
            Path out = Files.createTempFile("cli-out", ".txt");
            Path err = Files.createTempFile("cli-err", ".txt");
            try {
                Process process = builder(program, servers, args)
                        .redirectOutput(out.toFile())
                        .redirectError(err.toFile())
                        .start();
                if (!process.waitFor(RUN_LIMIT_SECONDS, TimeUnit.SECONDS)) {
                    process.descendants().forEach(ProcessHandle::destroyForcibly);
                    process.destroyForcibly();
                    throw new AssertionError(
                            program + " " + String.join(" ", args) + " ran over " + RUN_LIMIT_SECONDS + "s");
                }
                return new CliResult(
                        process.exitValue(),
                        Files.readString(out, StandardCharsets.UTF_8),
                        Files.readString(err, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** A process builder for the program, for callers that read its output as it runs. */
    static ProcessBuilder builder(String program, String servers, String... args) {
        List<String> command = new ArrayList<>();
        command.add(Checkout.cliScript(program).toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("CIB_SERVER", servers);
        builder.environment().remove("CIB_file");
        return builder;
    }
}
