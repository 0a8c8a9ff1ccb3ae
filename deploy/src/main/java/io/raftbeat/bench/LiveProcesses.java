package io.raftbeat.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The machine's processes as /proc shows them: which run a command line, whether they are alive (not zombies), and
 * which node's agent started them (the {@code RAFTBEAT_NODE} marker every resource process carries). What the tests
 * and benchmarks check a resource by: the processes themselves, never the CIB.
 */
public final class LiveProcesses {
    private static final Path PROC = Path.of("/proc");

    private LiveProcesses() {}

    /** The live processes whose arguments after the program are exactly {@code args}, and whose program is named
     * {@code program} (a file name). */
    public static List<Long> running(String program, String... args) {
        List<Long> out = new ArrayList<>();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(PROC, "[0-9]*")) {
            for (Path dir : dirs) {
                List<String> argv = argv(dir);
                if (argv.size() == args.length + 1
                        && Path.of(argv.get(0)).getFileName().toString().equals(program)
                        && argv.subList(1, argv.size()).equals(List.of(args))) {
                    long pid = Long.parseLong(dir.getFileName().toString());
                    if (alive(pid)) {
                        out.add(pid);
                    }
                }
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out;
    }

    /** Alive and not a zombie (a killed daemon whose parent is gone may wait a while to be reaped). */
    public static boolean alive(long pid) {
        try {
            String stat = Files.readString(PROC.resolve(pid + "/stat"));
            char state = stat.charAt(stat.lastIndexOf(')') + 2);
            return state != 'Z' && state != 'X';
        } catch (IOException e) {
            return false;
        }
    }

    /** The node whose agent started the process ({@code RAFTBEAT_NODE}), or "" when unmarked or gone. */
    public static String node(long pid) {
        try {
            String environ = new String(Files.readAllBytes(PROC.resolve(pid + "/environ")), StandardCharsets.UTF_8);
            for (String entry : environ.split("\0")) {
                if (entry.startsWith("RAFTBEAT_NODE=")) {
                    return entry.substring("RAFTBEAT_NODE=".length());
                }
            }
        } catch (IOException e) {
            // gone
        }
        return "";
    }

    private static List<String> argv(Path dir) {
        try {
            byte[] raw = Files.readAllBytes(dir.resolve("cmdline"));
            if (raw.length == 0) {
                return List.of();
            }
            return List.of(new String(raw, StandardCharsets.UTF_8).split("\0"));
        } catch (IOException e) {
            return List.of();
        }
    }
}
