package io.raftbeat.agent.exec;

import java.nio.file.Path;

/**
 * Where each class's agents live, and the run directory agents keep their state in ({@code HA_RSCTMP} is
 * {@code runDir/resource-agents}, {@code HA_VARRUN} is {@code runDir}). The defaults are the standard paths; tests
 * and the local cluster, whose nodes share one machine, give each node its own.
 */
public record AgentPaths(Path ocfRoot, Path initDir, Path haResourceDir, Path fenceDir, Path runDir) {
    public static AgentPaths defaults() {
        return new AgentPaths(
                Path.of("/usr/lib/ocf"),
                Path.of("/etc/init.d"),
                Path.of("/etc/ha.d/resource.d"),
                Path.of("/usr/sbin"),
                Path.of("/run"));
    }
}
