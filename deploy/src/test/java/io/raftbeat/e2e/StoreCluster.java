package io.raftbeat.e2e;

import io.raftbeat.testing.FreePorts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * Three real store members ({@code java -jar cib-store/target/raftbeat-store.jar}) on free loopback ports with
 * their data and logs in a temporary directory; owned by one test class ({@code @RegisterExtension}), started before
 * its tests and killed after them, also when they fail. A failed test prints the end of every member's log.
 */
final class StoreCluster implements BeforeAllCallback, AfterAllCallback, TestWatcher {
    private static final int MEMBERS = 3;
    private static final long LEADER_WAIT_MS = 60_000;

    /** One member's name and ports. */
    record Spec(String id, int raftPort, int grpcPort) {
        String grpc() {
            return "127.0.0.1:" + grpcPort;
        }

        String peer() {
            return id + "=127.0.0.1:" + raftPort + "/" + grpc();
        }
    }

    private final Map<String, Spec> specs = new LinkedHashMap<>();
    private final int spares;
    private final List<String> spareIds = new ArrayList<>();
    private final Map<String, Process> processes = new ConcurrentHashMap<>();
    private Path dir;
    private boolean failed;

    /** Three members. */
    StoreCluster() {
        this(0);
    }

    /** Three members, plus spare members that are not started until a test adds them to the group. */
    StoreCluster(int spares) {
        this.spares = spares;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        dir = Files.createTempDirectory("raftbeat-e2e-");
        int[] ports = freePorts(2 * (MEMBERS + spares));
        for (int i = 0; i < MEMBERS + spares; i++) {
            String id = "store" + (i + 1);
            specs.put(id, new Spec(id, ports[2 * i], ports[2 * i + 1]));
            if (i >= MEMBERS) {
                spareIds.add(id);
            }
        }
        Runtime.getRuntime().addShutdownHook(new Thread(this::killAll));
        for (String id : ids()) {
            start(id);
        }
        awaitLeader();
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        killAll();
        if (failed) {
            System.out.println("store logs kept in " + dir);
        } else {
            deleteTree(dir);
        }
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        failed = true;
        for (String id : specs.keySet()) {
            System.out.println("---- last lines of " + id + ".log ----");
            try {
                List<String> lines = Files.readAllLines(log(id), StandardCharsets.UTF_8);
                lines.subList(Math.max(0, lines.size() - 40), lines.size()).forEach(System.out::println);
            } catch (IOException e) {
                System.out.println("(no log: " + e + ")");
            }
        }
    }

    /** The members started with the cluster (not the spares). */
    List<String> ids() {
        return specs.keySet().stream().filter(id -> !spareIds.contains(id)).toList();
    }

    List<String> spareIds() {
        return List.copyOf(spareIds);
    }

    String raftAddress(String id) {
        return "127.0.0.1:" + specs.get(id).raftPort();
    }

    String address(String id) {
        return specs.get(id).grpc();
    }

    /** CIB_SERVER naming every member started with the cluster, in order. */
    String servers() {
        return String.join(",", ids().stream().map(this::address).toList());
    }

    /** CIB_SERVER naming the given member first, then the others. */
    String serversStartingWith(String first) {
        List<String> order = new ArrayList<>(List.of(address(first)));
        ids().stream().filter(id -> !id.equals(first)).forEach(id -> order.add(address(id)));
        return String.join(",", order);
    }

    /**
     * Starts the member (with its data as it was left), without waiting for it to join. The first members know only
     * each other; a spare knows them and itself, and joins when a test adds it.
     */
    void start(String id) throws IOException {
        Spec spec = specs.get(id);
        List<String> known = spareIds.contains(id) ? List.copyOf(specs.keySet()) : ids();
        String peers =
                String.join(",", known.stream().map(k -> specs.get(k).peer()).toList());
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder builder = new ProcessBuilder(
                java.toString(),
                "-Xms32m",
                "-Xmx384m",
                "-XX:+UseSerialGC",
                "-Dcom.google.protobuf.use_unsafe_pre22_gencode=true",
                "-jar",
                Checkout.storeJar().toString(),
                "--id",
                id,
                "--raft",
                "127.0.0.1:" + spec.raftPort(),
                "--grpc",
                spec.grpc(),
                "--peers",
                peers,
                "--data",
                dir.resolve(id).toString());

        builder.redirectErrorStream(true);
        builder.redirectOutput(ProcessBuilder.Redirect.appendTo(log(id).toFile()));
        processes.put(id, builder.start());
    }

    /** SIGKILL, as a crash: no shutdown hook runs. Returns once the process is gone. */
    void kill9(String id) throws InterruptedException {
        Process process = processes.remove(id);
        if (process != null) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }

    boolean alive(String id) {
        Process process = processes.get(id);
        return process != null && process.isAlive();
    }

    boolean allAlive() {
        return ids().stream().allMatch(this::alive);
    }

    /** Restarts any member that is not running and waits for a leader. */
    void ensureAllRunning() throws IOException, InterruptedException {
        for (String id : ids()) {
            if (!alive(id)) {
                start(id);
            }
        }
        awaitLeader();
    }

    /** Waits (bounded) until a member names a leader; returns its name. */
    String awaitLeader() throws InterruptedException {
        return awaitLeaderOtherThan(null);
    }

    /** Waits (bounded) until the members name a leader other than {@code old}; returns its name. */
    String awaitLeaderOtherThan(String old) throws InterruptedException {
        long deadline = System.currentTimeMillis() + LEADER_WAIT_MS;
        CliResult last = null;
        while (System.currentTimeMillis() < deadline) {
            last = Cli.raftbeat(servers(), "leader", "-t", "3");
            if (last.ok()) {
                String leader = last.out().strip().split(" ")[0];
                if (!leader.equals(old)) {
                    return leader;
                }
            }
            Thread.sleep(300);
        }
        throw new AssertionError("no leader" + (old == null ? "" : " other than " + old) + " within "
                + LEADER_WAIT_MS / 1000 + "s; last answer: " + last);
    }

    private Path log(String id) {
        return dir.resolve(id + ".log");
    }

    private void killAll() {
        for (Process process : processes.values()) {
            process.destroyForcibly();
        }
        for (Process process : processes.values()) {
            try {
                process.waitFor(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        processes.clear();
    }

    private static int[] freePorts(int count) {
        int[] ports = new int[count];
        for (int i = 0; i < count; i++) {
            ports[i] = FreePorts.next();
        }
        return ports;
    }

    private static void deleteTree(Path root) throws IOException {
        if (root == null || !Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.delete(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
