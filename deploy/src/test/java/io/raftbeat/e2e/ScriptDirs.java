package io.raftbeat.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** The scripts the end-to-end tests give their agents (Heartbeat-class resources, fence agents), written executable. */
final class ScriptDirs {
    private ScriptDirs() {}

    /** A new temporary directory holding one executable script {@code name}; returns the directory. */
    static Path withScript(String prefix, String name, String body) {
        try {
            Path dir = Files.createTempDirectory(prefix);
            executable(dir.resolve(name), body);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes {@code body} to {@code file} and makes it executable. */
    static void executable(Path file, String body) throws IOException {
        Files.writeString(file, body);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
