package io.raftbeat.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A network cut for one process tree: its processes start inside a cgroup (v2) of their own, and an iptables rule
 * drops every TCP packet they send ({@code -m cgroup --path}), as a partition would, while the rest of the machine
 * talks on. Needs root and iptables; a test that needs it fails without them. Every rule added is removed, and the
 * cgroup with it, on {@link #close}.
 */
final class CgroupCut implements AutoCloseable {
    private final String name;
    private final Path dir;
    private boolean cut;

    CgroupCut(String name) throws IOException {
        this.name = name;
        this.dir = Files.createDirectories(root().resolve(name));
    }

    /** {@code command} made to enter the cgroup before it runs; the shell interprets none of its words. */
    List<String> wrap(List<String> command) {
        List<String> wrapped =
                new ArrayList<>(List.of("/bin/sh", "-c", "echo $$ > \"$0/cgroup.procs\" && exec \"$@\""));
        wrapped.add(dir.toString());
        wrapped.addAll(command);
        return wrapped;
    }

    void cut() throws IOException, InterruptedException {
        iptables("-A");
        cut = true;
    }

    void heal() throws IOException, InterruptedException {
        if (cut) {
            iptables("-D");
            cut = false;
        }
    }

    private void iptables(String verb) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(
                        "iptables", verb, "OUTPUT", "-p", "tcp", "-m", "cgroup", "--path", name, "-j", "DROP")
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("iptables " + verb + " for cgroup " + name + " failed: " + out.strip());
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        heal();
        for (int i = 0; i < 50 && Files.exists(dir); i++) {
            try {
                Files.delete(dir);
            } catch (IOException busy) {
                Thread.sleep(100); // its last processes are still being reaped
            }
        }
    }

    /** The cgroup2 hierarchy: /sys/fs/cgroup on a unified machine, /sys/fs/cgroup/unified on a hybrid one. */
    private static Path root() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"))) {
            String[] halves = line.split(" - ", 2);
            if (halves.length == 2 && halves[1].startsWith("cgroup2 ")) {
                return Path.of(halves[0].split(" ")[4]);
            }
        }
        throw new IOException("no cgroup2 hierarchy is mounted: the network cut needs one");
    }
}
