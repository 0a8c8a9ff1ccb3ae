package io.raftbeat.agent.exec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The processes one node's agent started for its resources, found again however they detached. Every process the
 * agent starts for a resource (any class, any action) gets the environment marker {@code RAFTBEAT_NODE=<node name>}
 * ({@link #MARKER}), which whatever it forks inherits: a daemon that calls {@code setsid} or forks twice leaves the
 * action's process group but keeps the marker. Where the machine has a writable cgroup2 hierarchy, every such process
 * also starts inside the node's cgroup ({@link NodeCgroup}), which no descendant can leave without privilege: that
 * finds also a daemon started through {@code su -}, which clears the environment. {@link #find} lists the live
 * processes that carry the marker, are in the node's cgroup, or belong to the process group of an action still
 * running; {@link #killAll} sends them SIGKILL (self-fencing). The agent's own process and its ancestors are never
 * included. deploy's local fence agent finds a node's processes by the same marker and cgroup, as a reboot would end
 * them. Thread-safe: the process runners register groups from any thread.
 */
public final class NodeProcesses implements AutoCloseable {
    /** The environment variable that names the node a resource process belongs to. */
    public static final String MARKER = "RAFTBEAT_NODE";

    private static final Path PROC = Path.of("/proc");
    private static final long KILL_DEADLINE_MS = 2_000;

    private final String node;
    private final byte[] entry;
    // Process groups of the actions running now (pgid = the leader's pid, which cannot be reused while it runs).
    private final Set<Long> running = ConcurrentHashMap.newKeySet();

    private final Optional<NodeCgroup> cgroup;

    /** The processes of {@code node}, found by their marker alone. */
    public NodeProcesses(String node) {
        this(node, Optional.empty());
    }

    /** The processes of {@code node}, found by their marker and, when present, {@code cgroup}. */
    public NodeProcesses(String node, Optional<NodeCgroup> cgroup) {
        this.node = node;
        this.entry = (MARKER + "=" + node).getBytes(StandardCharsets.UTF_8);
        this.cgroup = cgroup;
    }

    /** The node's processes, also tracked by a cgroup created for {@code runDir} when this machine allows it. */
    public static NodeProcesses tracked(String node, Path runDir) {
        return new NodeProcesses(node, NodeCgroup.create(node, runDir));
    }

    public String node() {
        return node;
    }

    /** What every resource process gets in its environment: {@code RAFTBEAT_NODE=<node>}. */
    public Map<String, String> environment() {
        return Map.of(MARKER, node);
    }

    public Optional<NodeCgroup> cgroup() {
        return cgroup;
    }

    /** The argv a resource process runs: {@code argv} itself, or through the wrapper that enters the cgroup first. */
    List<String> confine(List<String> argv) {
        return cgroup.map(c -> c.enter(argv)).orElse(argv);
    }

    /** An action's process group, led by {@code pid}, started. */
    void started(long pid) {
        running.add(pid);
    }

    /** The action led by {@code pid} ended: its group's remaining members are found by their marker. */
    void finished(long pid) {
        running.remove(pid);
    }

    /**
     * The live pids carrying this node's marker, in its cgroup or in a running action's group, but not this JVM or its
     * parents.
     */
    public List<Long> find() {
        Set<Long> spared = spared();
        Set<Long> groups = Set.copyOf(running);
        Set<Long> found = new LinkedHashSet<>();
        cgroup.ifPresent(
                c -> c.pids().stream().filter(pid -> !spared.contains(pid)).forEach(found::add));
        try (DirectoryStream<Path> pids = Files.newDirectoryStream(PROC, "[0-9]*")) {
            for (Path p : pids) {
                long pid = Long.parseLong(p.getFileName().toString());
                if (!spared.contains(pid) && (groups.contains(processGroup(p)) || marked(p))) {
                    found.add(pid);
                }
            }
        } catch (IOException e) {
            // no /proc (not Linux): only the running groups can be found, through their leaders
            groups.stream().filter(pid -> !spared.contains(pid)).forEach(found::add);
        }
        return List.copyOf(found);
    }

    /**
     * SIGKILLs the node's cgroup ({@code cgroup.kill}, unless this agent itself is inside it) and every running
     * action's process group, then every process {@link #find} lists, again until none is left or a short deadline
     * passed (a process may fork while a pass kills); returns how many processes got the signal.
     */
    public int killAll() throws InterruptedException {
        Set<Long> killed = new HashSet<>();
        boolean cgroupKill = cgroup.isPresent() && cgroup.get().pids().stream().noneMatch(spared()::contains);
        if (cgroupKill) {
            killed.addAll(cgroup.get().pids());
            cgroupKill = cgroup.get().kill();
        }
        for (long pgid : Set.copyOf(running)) {
            ProcessGroup.kill(pgid);
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(KILL_DEADLINE_MS);
        while (System.nanoTime() < deadline) {
            List<Long> left = find().stream().filter(pid -> !dead(pid)).toList();
            if (left.isEmpty()) {
                break;
            }
            if (cgroupKill) {
                cgroup.get().kill(); // what forked into the cgroup since: one write again
            }
            for (long pid : left) {
                ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
                killed.add(pid);
            }
            TimeUnit.MILLISECONDS.sleep(20);
        }
        return killed.size();
    }

    /**
     * Removes the node's cgroup when no process is left in it (a clean stop; a crashed agent's cgroup stays, with
     * whatever still runs there, for the restarted agent or the fence agent to find).
     */
    @Override
    public void close() {
        cgroup.ifPresent(NodeCgroup::removeIfEmpty);
    }

    private boolean marked(Path proc) {
        byte[] env;
        try {
            env = Files.readAllBytes(proc.resolve("environ"));
        } catch (IOException | SecurityException e) {
            return false; // gone, or another user's process: not ours
        }
        for (int at = 0; at + entry.length <= env.length; ) {
            int end = at;
            while (end < env.length && env[end] != 0) {
                end++;
            }
            if (end - at == entry.length && java.util.Arrays.equals(env, at, end, entry, 0, entry.length)) {
                return true;
            }
            at = end + 1;
        }
        return false;
    }

    /** The process group of {@code /proc/PID}, or -1 when it is gone. */
    private static long processGroup(Path proc) {
        return stat(proc).map(fields -> Long.parseLong(fields[2])).orElse(-1L);
    }

    /** A zombie is dead already: it only waits for its parent to reap it. */
    private static boolean dead(long pid) {
        return stat(PROC.resolve(Long.toString(pid)))
                .map(fields -> fields[0].equals("Z"))
                .orElse(true);
    }

    /** The fields of /proc/PID/stat after the command name: state, ppid, pgrp, ... */
    private static Optional<String[]> stat(Path proc) {
        try {
            String stat = Files.readString(proc.resolve("stat"));
            return Optional.of(stat.substring(stat.lastIndexOf(')') + 2).split(" "));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static Set<Long> spared() {
        Set<Long> spared = new HashSet<>();
        for (Optional<ProcessHandle> p = Optional.of(ProcessHandle.current());
                p.isPresent();
                p = p.get().parent()) {
            spared.add(p.get().pid());
        }
        return spared;
    }
}
