package io.raftbeat.agent.exec;

import java.nio.file.Path;

/**
 * Where each class's agents live. The defaults are the standard paths; tests and the local cluster point them at
 * their own directories.
 */
public record AgentPaths(Path ocfRoot, Path initDir, Path haResourceDir, Path fenceDir) {
    public static AgentPaths defaults() {
        return new AgentPaths(
                Path.of("/usr/lib/ocf"), Path.of("/etc/init.d"), Path.of("/etc/ha.d/resource.d"), Path.of("/usr/sbin"));
    }
}
