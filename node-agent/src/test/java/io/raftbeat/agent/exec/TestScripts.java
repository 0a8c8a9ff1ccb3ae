package io.raftbeat.agent.exec;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;

/** Writes the shell scripts the executor tests run, and watches the processes they leave behind. */
public final class TestScripts {
    private TestScripts() {}

    /** Writes {@code body} (without the #! line) to {@code file} as an executable /bin/sh script. */
    public static Path write(Path file, String body) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, "#!/bin/sh\n" + body);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }

    /** True when {@code pid} no longer runs: gone from /proc, or a zombie waiting for its new parent to reap it. */
    public static boolean gone(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
        } catch (IOException e) {
            return true;
        }
    }

    /** Waits until {@code pid} is gone, failing after {@code deadline}. */
    public static void awaitGone(long pid, Duration deadline) throws InterruptedException {
        awaitGone(pid, deadline, false);
    }

    /** Waits until {@code pid} is gone and, when {@code reaped}, not even a zombie is left. */
    public static void awaitGone(long pid, Duration deadline, boolean reaped) throws InterruptedException {
        long end = System.nanoTime() + deadline.toNanos();
        while (reaped ? Files.exists(Path.of("/proc", Long.toString(pid))) : !gone(pid)) {
            if (System.nanoTime() > end) {
                fail("process " + pid + " still exists after " + deadline);
            }
            Thread.sleep(20);
        }
    }

    /** The pid written in {@code file}, waiting for it to appear. */
    public static long readPid(Path file, Duration deadline) throws IOException, InterruptedException {
        long end = System.nanoTime() + deadline.toNanos();
        while (!Files.exists(file) || Files.readString(file).isBlank()) {
            if (System.nanoTime() > end) {
                fail("no pid in " + file + " after " + deadline);
            }
            Thread.sleep(20);
        }
        return Long.parseLong(Files.readString(file).strip());
    }

    /** Sends SIGKILL to {@code pid} if it still runs (test cleanup). */
    public static void kill(long pid) {
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
    }
}
