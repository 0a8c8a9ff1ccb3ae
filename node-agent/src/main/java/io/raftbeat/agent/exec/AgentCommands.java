package io.raftbeat.agent.exec;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the {@link ProcessSpec} every executor runs: the agent's argv, an environment that starts empty (nothing
 * of the node agent's own environment leaks into agents) plus a sane {@code PATH}, working directory {@code /} as
 * under Pacemaker's executor, and the call's timeout. Pure.
 */
public final class AgentCommands {
    public static final String PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    /** Pacemaker's default operation timeout, used when a call gives none. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(20);

    private AgentCommands() {}

    public static ProcessSpec of(List<String> argv, Map<String, String> env, byte[] stdin, AgentCall call) {
        Map<String, String> all = new HashMap<>(env);
        all.putIfAbsent("PATH", PATH);
        return new ProcessSpec(argv, all, stdin, Path.of("/"), timeoutOf(call));
    }

    /** The call's timeout, or {@link #DEFAULT_TIMEOUT} when it has none. */
    public static Duration timeoutOf(AgentCall call) {
        Duration t = call.timeout();
        return t == null || t.isZero() || t.isNegative() ? DEFAULT_TIMEOUT : t;
    }
}
