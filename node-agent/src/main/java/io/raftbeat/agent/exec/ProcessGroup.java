package io.raftbeat.agent.exec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Signals a whole process group: a child started under {@code setsid} leads its own group, so its pid is the group
 * id, and the group holds whatever it forked that did not leave the group. Java has no killpg, so this runs
 * {@code kill -s SIG -- -PGID}; if that cannot run, it falls back to signalling the leader and its live descendants.
 */
final class ProcessGroup {
    static final Path KILL =
            Files.isExecutable(Path.of("/usr/bin/kill")) ? Path.of("/usr/bin/kill") : Path.of("/bin/kill");

    private ProcessGroup() {}

    /** Sends SIGTERM ({@code force} false) or SIGKILL to the group led by {@code leader}. */
    static void signal(Process leader, boolean force) {
        if (send(force ? "KILL" : "TERM", leader.pid())) {
            return;
        }
        leader.descendants().forEach(p -> destroy(p, force));
        destroy(leader.toHandle(), force);
    }

    /** SIGKILLs the whole group {@code pgid}, whatever its leader became; false when no member was left. */
    static boolean kill(long pgid) {
        return send("KILL", pgid);
    }

    /** Runs {@code kill -s SIG -- -PGID}; true when it signalled the group. */
    private static boolean send(String sig, long pgid) {
        ProcessBuilder kill = new ProcessBuilder(KILL.toString(), "-s", sig, "--", "-" + pgid)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        try {
            Process k = kill.start();
            if (!k.waitFor(2, TimeUnit.SECONDS)) {
                k.destroyForcibly();
                return false;
            }
            return k.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void destroy(ProcessHandle p, boolean force) {
        if (force) {
            p.destroyForcibly();
        } else {
            p.destroy();
        }
    }
}
