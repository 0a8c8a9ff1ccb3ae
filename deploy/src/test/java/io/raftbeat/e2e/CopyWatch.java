package io.raftbeat.e2e;

import io.raftbeat.bench.LiveProcesses;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Watches a resource's processes every few milliseconds, from start to close, and remembers the most copies that
 * were ever alive at once and the nodes they ran on: the check that a resource never runs on two machines.
 */
final class CopyWatch implements AutoCloseable {
    private final String program;
    private final String[] args;
    private final AtomicInteger most = new AtomicInteger();
    private final Set<String> nodes = new TreeSet<>();
    private final Thread thread;
    private volatile boolean closed;

    CopyWatch(String program, String... args) {
        this.program = program;
        this.args = args;
        this.thread = new Thread(this::watch, "copy-watch");
        thread.setDaemon(true);
        thread.start();
    }

    private void watch() {
        while (!closed) {
            List<Long> pids = LiveProcesses.running(program, args);
            most.accumulateAndGet(pids.size(), Math::max);
            synchronized (nodes) {
                pids.forEach(pid -> nodes.add(LiveProcesses.node(pid)));
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** The most copies alive at one moment so far. */
    int most() {
        return most.get();
    }

    /** Every node a copy was seen on. */
    Set<String> nodes() {
        synchronized (nodes) {
            return Set.copyOf(nodes);
        }
    }

    @Override
    public void close() throws InterruptedException {
        closed = true;
        thread.join(5000);
    }
}
