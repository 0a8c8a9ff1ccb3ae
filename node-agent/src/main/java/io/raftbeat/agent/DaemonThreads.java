package io.raftbeat.agent;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** Threads of the agent's own loops: named for what they do, daemons so that they never hold the JVM up. */
public final class DaemonThreads {
    private DaemonThreads() {}

    /** Threads named {@code name}, then {@code name-2}, {@code name-3} … when the pool has more than one. */
    public static ThreadFactory named(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            int i = n.incrementAndGet();
            Thread t = new Thread(r, i == 1 ? name : name + "-" + i);
            t.setDaemon(true);
            return t;
        };
    }
}
