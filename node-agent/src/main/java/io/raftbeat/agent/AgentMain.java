package io.raftbeat.agent;

import io.raftbeat.agent.exec.AgentPaths;
import io.raftbeat.agent.state.IntervalSpec;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code raftbeat-agent}: runs this machine's node agent until SIGTERM/SIGINT, then shuts down as Pacemaker's
 * controller does (the cluster moves or stops this node's resources first, up to {@code --shutdown-timeout}), leaves
 * the cluster cleanly and exits 0. Bad options print one line and exit 64 (Pacemaker's CRM_EX_USAGE).
 */
@Command(
        name = "raftbeat-agent",
        mixinStandardHelpOptions = true,
        description = "Holds this node's lease, runs the actions the cluster writes for it, reports every result.")
public final class AgentMain implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(AgentMain.class);
    static final int USAGE = 64;
    static final int CANTCREAT = 73;

    @Option(names = "--node", description = "node name (default: the host name)")
    String node;

    @Option(
            names = "--servers",
            description = "store members host:port,... (default: CIB_SERVER, else the local three)")
    String servers;

    @Option(names = "--work-dir", description = "state and logs (default: ${DEFAULT-VALUE})")
    Path workDir = Path.of("/var/lib/raftbeat/agent");

    @Option(names = "--lease-ms", description = "lease asked of the leader (default: ${DEFAULT-VALUE})")
    long leaseMs = 1000;

    @Option(names = "--heartbeat-ms", description = "lease renewal interval (default: ${DEFAULT-VALUE})")
    long heartbeatMs = 200;

    @Option(
            names = "--shutdown-timeout",
            description = "how long a clean stop waits for this node's resources to move away, e.g. 60s, 2min"
                    + " (default: ${DEFAULT-VALUE})")
    String shutdownTimeout = "60s";

    @Option(
            names = "--self-fence",
            arity = "0..1",
            fallbackValue = "true",
            description = "stop, then kill, this node's resources when the lease cannot be renewed (at 0.75 and 0.95"
                    + " of it), as SBD's watchdog would; --self-fence=false turns it off (default: ${DEFAULT-VALUE})")
    boolean selfFence = true;

    @Option(names = "--ocf-root", description = "OCF root (default: /usr/lib/ocf)")
    Path ocfRoot;

    @Option(names = "--init-dir", description = "LSB init scripts (default: /etc/init.d)")
    Path initDir;

    @Option(names = "--ha-resource-dir", description = "Heartbeat scripts (default: /etc/ha.d/resource.d)")
    Path haResourceDir;

    @Option(names = "--fence-dir", description = "fence agents (default: /usr/sbin)")
    Path fenceDir;

    @Option(names = "--run-dir", description = "agents' run directory (default: /run)")
    Path runDir;

    public static void main(String[] args) {
        int code = commandLine().execute(args);
        if (code != 0) {
            System.exit(code);
        }
    }

    static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new AgentMain());
        PrintWriter err = new PrintWriter(System.err, true);
        cl.setParameterExceptionHandler((ex, args) -> {
            err.println("raftbeat-agent: " + ex.getMessage() + " (exit 64; --help lists the options)");
            return USAGE;
        });
        return cl;
    }

    /** The options as given, completed with the defaults; IllegalArgumentException names what is wrong. */
    AgentOptions options(String cibServerEnv, String hostName) {
        String serverList = servers != null
                ? servers
                : cibServerEnv != null && !cibServerEnv.isBlank() ? cibServerEnv : AgentOptions.DEFAULT_SERVERS;
        AgentPaths d = AgentPaths.defaults();
        AgentPaths paths = new AgentPaths(
                ocfRoot != null ? ocfRoot : d.ocfRoot(),
                initDir != null ? initDir : d.initDir(),
                haResourceDir != null ? haResourceDir : d.haResourceDir(),
                fenceDir != null ? fenceDir : d.fenceDir(),
                runDir != null ? runDir : d.runDir());
        long shutdownMs = IntervalSpec.toMillis(shutdownTimeout);
        if (shutdownMs < 0) {
            throw new IllegalArgumentException(
                    "--shutdown-timeout: '" + shutdownTimeout + "' is not a duration (e.g. 60s, 2min, PT90S)");
        }
        return new AgentOptions(
                node != null ? node : hostName,
                AgentOptions.parseServers(serverList),
                workDir,
                Duration.ofMillis(leaseMs),
                Duration.ofMillis(heartbeatMs),
                paths,
                Duration.ofMillis(shutdownMs),
                selfFence);
    }

    @Override
    public Integer call() throws Exception {
        AgentOptions options;
        try {
            options = options(System.getenv("CIB_SERVER"), HostName.local());
        } catch (IllegalArgumentException e) {
            System.err.println("raftbeat-agent: " + e.getMessage() + " (exit 64)");
            return USAGE;
        }
        try {
            Files.createDirectories(options.workDir());
            Files.createDirectories(options.paths().runDir());
        } catch (IOException e) {
            System.err.println("raftbeat-agent: cannot create " + e.getMessage() + " (exit 73)");
            return CANTCREAT;
        }
        NodeAgent agent = new NodeAgent(options);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            LOG.info("stopping: moving this node's resources away, then leaving the cluster");
                            agent.leave();
                            stopped.countDown();
                            System.err.flush();
                            // A JVM ended by a signal exits 143 even after its hooks ran; a clean stop is exit 0.
                            Runtime.getRuntime().halt(0);
                        },
                        "shutdown"));
        agent.start();
        stopped.await();
        return 0;
    }
}
