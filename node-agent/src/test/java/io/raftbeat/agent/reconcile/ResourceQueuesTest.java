package io.raftbeat.agent.reconcile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class ResourceQueuesTest {
    @Test
    void oneResourcesTasksRunOneAtATimeInOrder() throws Exception {
        try (ResourceQueues queues = new ResourceQueues(4)) {
            AtomicInteger inside = new AtomicInteger();
            AtomicInteger overlaps = new AtomicInteger();
            List<Integer> order = new CopyOnWriteArrayList<>();
            CountDownLatch done = new CountDownLatch(20);
            for (int i = 0; i < 20; i++) {
                int n = i;
                queues.submit("web", () -> {
                    if (inside.incrementAndGet() > 1) {
                        overlaps.incrementAndGet();
                    }
                    sleep(5);
                    order.add(n);
                    inside.decrementAndGet();
                    done.countDown();
                });
            }
            assertTrue(done.await(20, TimeUnit.SECONDS));
            assertEquals(0, overlaps.get());
            assertEquals(java.util.stream.IntStream.range(0, 20).boxed().toList(), order);
        }
    }

    @Test
    void differentResourcesRunInParallel() throws Exception {
        try (ResourceQueues queues = new ResourceQueues(4)) {
            // Each task waits for the other: both finish only if they run at the same time.
            CountDownLatch both = new CountDownLatch(2);
            CountDownLatch finished = new CountDownLatch(2);
            for (String rsc : List.of("web", "db")) {
                queues.submit(rsc, () -> {
                    both.countDown();
                    try {
                        if (both.await(10, TimeUnit.SECONDS)) {
                            finished.countDown();
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
            }
            assertTrue(finished.await(15, TimeUnit.SECONDS));
        }
    }

    @Test
    void aFailingTaskDoesNotStopTheResourcesQueue() throws Exception {
        try (ResourceQueues queues = new ResourceQueues(1)) {
            CountDownLatch after = new CountDownLatch(1);
            queues.submit("web", () -> {
                throw new IllegalStateException("boom");
            });
            queues.submit("web", after::countDown);
            assertTrue(after.await(10, TimeUnit.SECONDS));
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
