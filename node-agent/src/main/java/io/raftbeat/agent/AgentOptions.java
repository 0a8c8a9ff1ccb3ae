package io.raftbeat.agent;

import io.raftbeat.agent.exec.AgentPaths;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What one {@code raftbeat-agent} runs with: its node name, the store members to talk to (in the order to try
 * them), its working directory, the lease it asks for and how often it renews it, where the resource agents live,
 * how long a clean stop waits for the cluster to move this node's resources away, and whether the agent fences
 * itself when it cannot renew its lease ({@code selfFence}, on by default: see {@code lease.SelfFence}). Built once
 * at start-up; immutable.
 */
public record AgentOptions(
        String node,
        List<String> servers,
        Path workDir,
        Duration lease,
        Duration heartbeat,
        AgentPaths paths,
        Duration shutdownTimeout,
        boolean selfFence) {
    /** How long a clean stop waits by default for this node's resources to be stopped or moved. */
    public static final Duration DEFAULT_SHUTDOWN_TIMEOUT = Duration.ofSeconds(60);

    /** The local cluster's three members, used when neither {@code --servers} nor {@code CIB_SERVER} is given. */
    public static final String DEFAULT_SERVERS = "127.0.0.1:7001,127.0.0.1:7002,127.0.0.1:7003";

    private static final Pattern NODE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    public AgentOptions {
        servers = List.copyOf(servers);
        if (!NODE_NAME.matcher(node).matches()) {
            throw new IllegalArgumentException(
                    "--node: '" + node + "' is not a node name (letters, digits, '.', '_', '-')");
        }
        if (servers.isEmpty()) {
            throw new IllegalArgumentException("--servers names no member: give host:port[,host:port...]");
        }
        if (lease.toMillis() <= 0 || heartbeat.toMillis() <= 0) {
            throw new IllegalArgumentException("--lease-ms and --heartbeat-ms must be positive");
        }
        if (shutdownTimeout.isNegative()) {
            throw new IllegalArgumentException("--shutdown-timeout must not be negative");
        }
        if (heartbeat.compareTo(lease) >= 0) {
            throw new IllegalArgumentException(
                    "--heartbeat-ms (" + heartbeat.toMillis() + ") must be shorter than --lease-ms (" + lease.toMillis()
                            + "), or the lease lapses between beats");
        }
    }

    /** As above with the default shutdown timeout and self-fencing on. */
    public AgentOptions(
            String node, List<String> servers, Path workDir, Duration lease, Duration heartbeat, AgentPaths paths) {
        this(node, servers, workDir, lease, heartbeat, paths, DEFAULT_SHUTDOWN_TIMEOUT, true);
    }

    /** The same options with self-fencing on or off. */
    public AgentOptions withSelfFence(boolean on) {
        return new AgentOptions(node, servers, workDir, lease, heartbeat, paths, shutdownTimeout, on);
    }

    /** Parses a comma-separated {@code host:port} list; throws naming the malformed entry. */
    public static List<String> parseServers(String value) {
        List<String> servers = new ArrayList<>();
        for (String raw : value.split(",")) {
            String entry = raw.trim();
            if (entry.isEmpty()) {
                continue;
            }
            int colon = entry.lastIndexOf(':');
            if (colon <= 0 || !validPort(entry.substring(colon + 1))) {
                throw new IllegalArgumentException("--servers: '" + entry + "' is not host:port (e.g. 127.0.0.1:7001)");
            }
            if (!servers.contains(entry)) {
                servers.add(entry);
            }
        }
        return servers;
    }

    private static boolean validPort(String text) {
        try {
            int port = Integer.parseInt(text);
            return port > 0 && port < 65536;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
