package io.raftbeat.e2e;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A running {@code raftbeat events --follow} process and the event lines it has printed so far. */
final class FollowedEvents implements AutoCloseable {
    private final Process process;
    private final List<String> lines = new ArrayList<>();
    private final Thread reader;

    FollowedEvents(String servers, long since) throws IOException {
        ProcessBuilder builder =
                Cli.builder("raftbeat", servers, "events", "--follow", "--since", Long.toString(since), "-t", "60");
        builder.redirectError(ProcessBuilder.Redirect.INHERIT);
        builder.environment().put("RAFTBEAT_CLI_NO_ARCHIVE", "1"); // so that the script execs java: one process
        process = builder.start();
        reader = new Thread(this::read, "followed-events");
        reader.setDaemon(true);
        reader.start();
    }

    private void read() {
        try (BufferedReader in =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                synchronized (lines) {
                    lines.add(line);
                }
            }
        } catch (IOException e) {
            // the process was stopped
        }
    }

    /** The revisions printed so far, in the order printed. */
    List<Long> revisions() {
        synchronized (lines) {
            List<Long> revisions = new ArrayList<>();
            for (String line : lines) {
                revisions.add(Long.parseLong(line.substring(0, line.indexOf(' '))));
            }
            return revisions;
        }
    }

    boolean alive() {
        return process.isAlive();
    }

    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }
}
