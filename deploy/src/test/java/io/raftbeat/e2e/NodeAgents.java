package io.raftbeat.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * Real node agents ({@code java -jar node-agent/target/raftbeat-agent.jar}), one per node name, each with its own
 * working and run directory as separate machines would have, against a {@link StoreCluster}. Register it after the
 * store cluster; agents are killed after the class's tests, and a failed test prints the end of their logs.
 *
 * <p>The directory is laid out as deploy/local-cluster.sh's run/ is ({@code NODE/}, {@code NODE/run},
 * {@code NODE.log}, and {@code NODE.argv}: the agent's command line), so that {@code fence_raftbeat_local} with
 * {@code run_dir=}{@link #dir()} fences these nodes too; the agents find it in their {@code --fence-dir}, which also
 * holds Debian's fence agents. An agent restarted by a fence is no longer this harness's child: the class's end kills
 * it by its command line.
 */
final class NodeAgents implements BeforeAllCallback, AfterAllCallback, TestWatcher {
    private static final Path TINI = Path.of("/usr/bin/tini");
    static final String SELF_FENCE_OFF = "--self-fence=false";
    private final List<String> nodes;
    private final List<String> options;
    private final Supplier<String> servers;
    private final Map<String, Process> processes = new ConcurrentHashMap<>();
    private Path dir;

    NodeAgents(Supplier<String> servers, String... nodes) {
        this(servers, List.of(), nodes);
    }

    /** @param options more command-line options for every agent, e.g. {@code --ha-resource-dir DIR} */
    NodeAgents(Supplier<String> servers, List<String> options, String... nodes) {
        this.servers = servers;
        this.options = List.copyOf(options);
        this.nodes = List.of(nodes);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        dir = Files.createTempDirectory("raftbeat-agents-");
        linkFenceAgents(fenceDir());
        Runtime.getRuntime().addShutdownHook(new Thread(this::killAll));
        for (String node : nodes) {
            start(node);
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        killAll();
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        for (String node : nodes) {
            System.out.println("---- last lines of agent " + node + " ----");
            try {
                List<String> lines = Files.readAllLines(dir.resolve(node + ".log"), StandardCharsets.UTF_8);
                lines.subList(Math.max(0, lines.size() - 40), lines.size()).forEach(System.out::println);
            } catch (IOException e) {
                System.out.println("(no log: " + e + ")");
            }
        }
        System.out.println("agent directories kept in " + dir);
    }

    /** The node's run directory: its resource agents' state and pid files ({@code HA_RSCTMP}, {@code HA_VARRUN}). */
    Path runDir(String node) {
        return dir.resolve(node).resolve("run");
    }

    /** The cluster directory, fence_raftbeat_local's {@code run_dir}. */
    Path dir() {
        return dir;
    }

    private Path fenceDir() {
        return dir.resolve("fence-agents");
    }

    void start(String node) throws IOException {
        start(node, UnaryOperator.identity());
    }

    /** Starts the node's agent with its command line passed through {@code wrap} (e.g. to start it in a cgroup). */
    void start(String node, UnaryOperator<List<String>> wrap) throws IOException {
        Path work = dir.resolve(node);
        Files.createDirectories(runDir(node));
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> argv = new ArrayList<>(List.of(
                java.toString(),
                "-Xms16m",
                "-Xmx128m",
                "-XX:+UseSerialGC",
                "-Dcom.google.protobuf.use_unsafe_pre22_gencode=true",
                "-jar",
                Checkout.agentJar().toString(),
                "--node",
                node,
                "--servers",
                servers.get(),
                "--work-dir",
                work.toString(),
                "--run-dir",
                runDir(node).toString()));
        if (!options.contains("--fence-dir")) {
            argv.addAll(List.of("--fence-dir", fenceDir().toString()));
        }
        if (options.stream().noneMatch(o -> o.startsWith("--self-fence"))) {
            // As in the component tests: on this shared 2-core machine a test run starves heartbeat threads now and
            // then, and self-fencing would stop resources the test watches. FencingIT turns it on where it tests it.
            argv.add(SELF_FENCE_OFF);
        }
        argv.addAll(options);
        Files.writeString(dir.resolve(node + ".argv"), String.join("\0", argv) + "\0", StandardCharsets.UTF_8);
        List<String> command = new ArrayList<>();
        if (Files.isExecutable(TINI)) {
            // As deploy/local-cluster.sh does: a subreaper reaps the node's dead resource processes at once.
            command.addAll(List.of(TINI.toString(), "-s", "-p", "SIGKILL", "--"));
        }
        command.addAll(argv);
        ProcessBuilder builder = new ProcessBuilder(wrap.apply(command));
        builder.redirectErrorStream(true);
        builder.redirectOutput(
                ProcessBuilder.Redirect.appendTo(dir.resolve(node + ".log").toFile()));
        processes.put(node, builder.start());
    }

    /**
     * SIGKILL to the agent (also one a fence restarted), as a crash: its lease is left to expire and its resources
     * keep running. Under tini it is the agent that is killed, and tini, its init, ends with it.
     */
    void kill9(String node) throws InterruptedException {
        Process process = processes.remove(node);
        if (process != null && process.isAlive()) {
            process.toHandle()
                    .children()
                    .filter(p -> p.info().commandLine().orElse("").contains("raftbeat-agent.jar"))
                    .forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
            return;
        }
        // The agent and its tini, whose command line names the agent's too: tini killed alone would orphan the agent.
        for (ProcessHandle p : agentProcesses(node).toList()) {
            p.destroyForcibly();
            p.onExit().orTimeout(30, TimeUnit.SECONDS).join();
        }
    }

    /**
     * The node's running agent JVM, also one a fence restarted (not this harness's child): found by its run directory
     * on its command line.
     */
    Optional<ProcessHandle> agent(String node) {
        return agentProcesses(node)
                .filter(p -> p.info().command().orElse("").endsWith("/java"))
                .findFirst();
    }

    /** The node's agent JVM and the tini it runs under: every process whose command line runs it for this node. */
    private Stream<ProcessHandle> agentProcesses(String node) {
        String runDir = runDir(node).toString();
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().orElse("").contains("raftbeat-agent.jar"))
                .filter(p -> List.of(p.info().arguments().orElse(new String[0])).contains(runDir));
    }

    /**
     * SIGTERM to the agent, as systemd stops it (under tini, tini passes it on), and waits for it to exit; returns
     * its exit code. A clean stop moves the node's resources away first, so this may take a while.
     */
    int terminate(String node, long limitSeconds) throws InterruptedException {
        Process process = processes.remove(node);
        if (process == null) {
            throw new IllegalStateException("no agent runs for " + node);
        }
        process.destroy();
        if (!process.waitFor(limitSeconds, TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            throw new AssertionError("agent " + node + " did not exit within " + limitSeconds + "s of SIGTERM");
        }
        return process.exitValue();
    }

    /**
     * The live processes under the running agents that run {@code program} (a file name: the JDK reports the resolved
     * path, /usr/bin/sleep for /bin/sleep) with {@code args}: a daemonised resource process is reparented to its
     * agent's tini, so it stays a descendant.
     */
    List<ProcessHandle> descendants(String program, String... args) {
        return processes.values().stream()
                .flatMap(Process::descendants)
                .filter(ProcessHandle::isAlive)
                .filter(p -> p.info()
                        .command()
                        .map(c -> Path.of(c).getFileName().toString())
                        .orElse("")
                        .equals(program))
                .filter(p -> Arrays.equals(p.info().arguments().orElse(null), args))
                .toList();
    }

    /** Links Debian's fence agents and this checkout's into {@code into}, the agents' {@code --fence-dir}. */
    private static void linkFenceAgents(Path into) throws IOException {
        Files.createDirectories(into);
        for (Path from : List.of(Path.of("/usr/sbin"), Checkout.ROOT.resolve("deploy/fence"))) {
            try (DirectoryStream<Path> agents = Files.newDirectoryStream(from, "fence_*")) {
                for (Path agent : agents) {
                    Files.deleteIfExists(into.resolve(agent.getFileName()));
                    Files.createSymbolicLink(into.resolve(agent.getFileName()), agent);
                }
            }
        }
    }

    /**
     * Every agent and every resource process it started (under tini, its orphans are tini's children), and the agents
     * a fence restarted, found by their command line (it names this harness's directory), with theirs.
     */
    private void killAll() {
        String mark = dir == null ? null : dir + "/";
        ProcessHandle.allProcesses()
                .filter(p -> mark != null
                        && p.info().commandLine().orElse("").contains("raftbeat-agent.jar")
                        && p.info().commandLine().orElse("").contains(mark))
                .forEach(p -> {
                    p.descendants().forEach(ProcessHandle::destroyForcibly);
                    p.destroyForcibly();
                });
        processes.values().forEach(p -> p.descendants().forEach(ProcessHandle::destroyForcibly));
        processes.values().forEach(Process::destroyForcibly);
        for (Process process : processes.values()) {
            try {
                process.waitFor(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        processes.clear();
    }
}
