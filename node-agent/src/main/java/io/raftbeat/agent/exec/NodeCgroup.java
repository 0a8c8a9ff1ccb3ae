package io.raftbeat.agent.exec;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One node's cgroup (v2): {@code <hierarchy>/raftbeat/<node>-<first 8 hex of sha256(run dir)>}, so that every process
 * started for the node's resources is found again however it detached, also one that left the session and cleared
 * its environment ({@code su - root -c "nohup daemon &"}, as {@code ocf:heartbeat:anything} does). The run-directory
 * hash keeps apart the test clusters of one machine, which all name their nodes node1..node3. Its path is written to
 * {@code <run dir>/cgroup}, where deploy's local fence agent reads it. Thread-safe: the methods only touch cgroupfs.
 */
public final class NodeCgroup {
    /** The file in the run directory that names the node's cgroup directory. */
    public static final String RUN_DIR_FILE = "cgroup";

    private static final Logger LOG = LoggerFactory.getLogger(NodeCgroup.class);
    private static final Path SH = Path.of("/bin/sh");
    // $0 is the cgroup directory and "$@" the resource's argv: both are only expanded, quoted, never parsed by sh.
    private static final String ENTER = "echo $$ > \"$0/cgroup.procs\" && exec \"$@\"";

    private final Path dir;
    private final Path runDirFile;

    NodeCgroup(Path dir, Path runDirFile) {
        this.dir = dir;
        this.runDirFile = runDirFile;
    }

    /**
     * Creates (or reuses, after a restart) the cgroup of {@code node} in this machine's writable cgroup2 hierarchy
     * and records it in {@code runDir}; empty, logged once, when there is none (the environment marker alone then
     * tracks the node's processes).
     */
    public static Optional<NodeCgroup> create(String node, Path runDir) {
        Optional<Path> root = CgroupMounts.writableCgroup2();
        if (root.isEmpty()) {
            LOG.warn(
                    "no writable cgroup2 hierarchy: {}'s processes are tracked by their RAFTBEAT_NODE marker alone",
                    node);
            return Optional.empty();
        }
        Path abs = runDir.toAbsolutePath().normalize();
        Path dir = root.get().resolve("raftbeat").resolve(safe(node) + "-" + sha256Prefix(abs.toString()));
        try {
            mkdirs(dir);
            Files.createDirectories(abs);
            Path file = abs.resolve(RUN_DIR_FILE);
            Files.writeString(file, dir + "\n");
            LOG.info("{}'s resource processes run in cgroup {}", node, dir);
            return Optional.of(new NodeCgroup(dir, file));
        } catch (IOException | RuntimeException e) {
            LOG.warn("cannot create cgroup {} ({}): {}'s processes are tracked by their marker alone", dir, e, node);
            return Optional.empty();
        }
    }

    public Path dir() {
        return dir;
    }

    /**
     * {@code argv} run through a fixed wrapper that first moves itself into this cgroup, then execs {@code argv}
     * unchanged (same pid): {@code /bin/sh -c ENTER <cgroup dir> argv...}. The process is inside before it can fork.
     */
    List<String> enter(List<String> argv) {
        try {
            mkdirs(dir); // gone only if someone removed it while the agent ran: recreate rather than fail every action
        } catch (IOException e) {
            // the wrapper's own write then fails, naming the directory, and the action fails with it
        }
        List<String> wrapped = new ArrayList<>(argv.size() + 4);
        wrapped.addAll(List.of(SH.toString(), "-c", ENTER, dir.toString()));
        wrapped.addAll(argv);
        return wrapped;
    }

    /** Every pid in the cgroup and its descendants' (cgroup.procs); empty once the cgroup is gone. */
    List<Long> pids() {
        List<Long> pids = new ArrayList<>();
        collect(dir, pids);
        return pids;
    }

    /** SIGKILLs every process in the cgroup at once through {@code cgroup.kill}; false when the kernel has none. */
    boolean kill() {
        Path kill = dir.resolve("cgroup.kill");
        if (!Files.exists(kill)) {
            return false;
        }
        try (OutputStream out = Files.newOutputStream(kill, StandardOpenOption.WRITE)) {
            out.write('1');
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Removes the cgroup (and the run directory's record of it) when no process is left in it; true when gone. */
    boolean removeIfEmpty() {
        if (!Files.isDirectory(dir)) {
            return true;
        }
        if (!pids().isEmpty() || !rmdirTree(dir)) {
            return false;
        }
        try {
            Files.deleteIfExists(runDirFile);
            Files.delete(dir.getParent()); // raftbeat/, when this was the last node's cgroup on the machine
        } catch (IOException e) {
            // another node's cgroup is still there, or the file went with a wiped run directory
        }
        return true;
    }

    private static void collect(Path cgroup, List<Long> into) {
        try {
            for (String line : Files.readAllLines(cgroup.resolve("cgroup.procs"))) {
                if (!line.isBlank()) {
                    into.add(Long.parseLong(line.trim()));
                }
            }
        } catch (IOException | NumberFormatException e) {
            return; // removed meanwhile
        }
        for (Path child : children(cgroup)) {
            collect(child, into);
        }
    }

    private static boolean rmdirTree(Path cgroup) {
        for (Path child : children(cgroup)) {
            rmdirTree(child);
        }
        try {
            Files.delete(cgroup); // rmdir: cgroupfs ignores the interface files, refuses while processes remain
            return true;
        } catch (IOException e) {
            return !Files.isDirectory(cgroup);
        }
    }

    private static List<Path> children(Path cgroup) {
        List<Path> dirs = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(cgroup, Files::isDirectory)) {
            entries.forEach(dirs::add);
        } catch (IOException e) {
            // removed meanwhile: no children
        }
        return dirs;
    }

    // Another agent may remove raftbeat/ between the two mkdirs (its last node left): try again.
    private static void mkdirs(Path dir) throws IOException {
        for (int attempt = 0; ; attempt++) {
            try {
                Files.createDirectories(dir);
                return;
            } catch (IOException e) {
                if (attempt == 2) {
                    throw e;
                }
            }
        }
    }

    private static String safe(String node) {
        return node.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    private static String sha256Prefix(String text) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no SHA-256 in this JVM", e);
        }
    }
}
