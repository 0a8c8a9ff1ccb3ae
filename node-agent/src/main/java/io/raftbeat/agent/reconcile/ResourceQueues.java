package io.raftbeat.agent.reconcile;

import io.raftbeat.agent.DaemonThreads;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs work for resources: one resource's tasks one at a time in the order submitted (an action never runs
 * concurrently with another action or a monitor poll of the same resource, as Pacemaker's executor serialises a
 * resource's operations), different resources in parallel on a bounded pool. {@link #submit} is called from any
 * thread.
 */
public final class ResourceQueues implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ResourceQueues.class);

    private final ExecutorService pool;
    // Guarded by this: a resource has an entry while one of the pool's threads is draining its queue.
    private final Map<String, Deque<Runnable>> busy = new HashMap<>();
    private boolean closed;

    public ResourceQueues(int threads) {
        this.pool = Executors.newFixedThreadPool(threads, DaemonThreads.named("resource"));
    }

    /** Queues {@code task} behind the resource's earlier tasks; ignored once closed. */
    public void submit(String resourceId, Runnable task) {
        synchronized (this) {
            if (closed) {
                return;
            }
            Deque<Runnable> queue = busy.get(resourceId);
            if (queue != null) {
                queue.add(task);
                return;
            }
            busy.put(resourceId, new ArrayDeque<>());
        }
        pool.execute(() -> drain(resourceId, task));
    }

    private void drain(String resourceId, Runnable first) {
        Runnable task = first;
        while (task != null) {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.error("resource {}: task failed: {}", resourceId, e.toString(), e);
            }
            synchronized (this) {
                Deque<Runnable> queue = busy.get(resourceId);
                task = closed ? null : queue.poll();
                if (task == null) {
                    busy.remove(resourceId);
                }
            }
        }
    }

    /** Stops taking work; waits up to {@code grace} for running tasks (agents are left to their own timeouts). */
    public void close(Duration grace) {
        synchronized (this) {
            closed = true;
        }
        pool.shutdown();
        try {
            pool.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        close(Duration.ZERO);
    }
}
