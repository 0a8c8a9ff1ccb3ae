package io.raftbeat.e2e;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Writer threads that create primitives through the real {@code cibadmin} until stopped, and record every write the
 * cluster acknowledged (exit 0). A write that failed or timed out may or may not have happened; only acknowledged
 * writes are promised.
 */
final class Writers {
    private final String servers;
    private final String prefix;
    private final AtomicBoolean stop = new AtomicBoolean();
    private final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    private final AtomicInteger failures = new AtomicInteger();
    private final List<Thread> threads = new ArrayList<>();
    private final List<String> failureSamples = new ArrayList<>();

    Writers(String servers, String prefix) {
        this.servers = servers;
        this.prefix = prefix;
    }

    void start(int count) {
        for (int w = 0; w < count; w++) {
            int writer = w;
            Thread thread = new Thread(() -> write(writer), "writer-" + w);
            thread.start();
            threads.add(thread);
        }
    }

    private void write(int writer) {
        for (int k = 0; !stop.get(); k++) {
            String id = prefix + "-" + writer + "-" + k;
            CliResult result = Cli.cibadmin(servers, "-C", "-o", "resources", "-t", "30", "-X", Cibs.primitive(id));
            if (result.ok()) {
                acknowledged.add(id);
            } else {
                failures.incrementAndGet();
                synchronized (failureSamples) {
                    if (failureSamples.size() < 5) {
                        failureSamples.add(id + ": " + result);
                    }
                }
            }
        }
    }

    int acknowledgedCount() {
        return acknowledged.size();
    }

    Set<String> stopAndJoin() throws InterruptedException {
        stop.set(true);
        for (Thread thread : threads) {
            thread.join(120_000);
        }
        return Set.copyOf(acknowledged);
    }

    String failureSummary() {
        synchronized (failureSamples) {
            return failures.get() + " failed writes, e.g. " + failureSamples;
        }
    }
}
