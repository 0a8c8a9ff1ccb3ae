package io.raftbeat.agent.exec;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One child process to run: its argv (argv[0] an absolute path; never a shell line), its whole environment (nothing
 * is inherited from the agent), the bytes written to its stdin (empty: stdin is /dev/null), its working directory
 * and how long it may run before its process group is killed.
 */
public record ProcessSpec(List<String> argv, Map<String, String> env, byte[] stdin, Path workDir, Duration timeout) {
    public ProcessSpec {
        argv = List.copyOf(argv);
        env = Map.copyOf(env);
        stdin = stdin.clone();
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("empty argv");
        }
    }

    @Override
    public byte[] stdin() {
        return stdin.clone();
    }
}
