package io.raftbeat.agent.report;

import io.raftbeat.agent.lease.Backoff;
import io.raftbeat.agent.lease.StoreMembers;
import io.raftbeat.agent.lease.StoreUnavailableException;
import io.raftbeat.agent.state.CallIds;
import io.raftbeat.proto.v1.AgentServiceGrpc;
import io.raftbeat.proto.v1.OpResult;
import io.raftbeat.proto.v1.ReportRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends results to the store in the order they were produced: {@code AgentService.Report} through any member (the
 * member forwards it to the leader), retried with backoff until a member acknowledges it. A retried report is a
 * no-op in the store, so a lost acknowledgement costs nothing. {@link #report} is called from any thread; one
 * thread of its own sends.
 */
public final class Reporter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Reporter.class);
    private static final int MAX_BATCH = 64;
    private static final Duration ATTEMPT = Duration.ofSeconds(5);

    private final String node;
    private final StoreMembers members;
    private final CallIds callIds;
    private final LinkedBlockingQueue<OpResult> queue = new LinkedBlockingQueue<>();
    private final Thread sender;
    private final Object progress = new Object();
    private long queued;
    private long acknowledged;
    private volatile boolean closed;

    public Reporter(String node, StoreMembers members, CallIds callIds) {
        this.node = node;
        this.members = members;
        this.callIds = callIds;
        this.sender = new Thread(this::sendLoop, "reporter");
        sender.setDaemon(true);
    }

    public void start() {
        sender.start();
    }

    /** Numbers the result (call-id, last-rc-change now) and queues it; returns what will be sent. */
    public OpResult report(OpResult.Builder result) {
        OpResult numbered;
        synchronized (progress) {
            // Numbered under the lock so that call-ids reach the store in increasing order.
            numbered = result.setCallId(callIds.next())
                    .setLastRcChangeMs(System.currentTimeMillis())
                    .build();
            queue.add(numbered);
            queued++;
        }
        return numbered;
    }

    /** Waits until everything queued so far is acknowledged; false when {@code timeout} passes first. */
    public boolean flush(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (progress) {
            long target = queued;
            while (acknowledged < target) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    return false;
                }
                progress.wait(left);
            }
            return true;
        }
    }

    private void sendLoop() {
        Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(5));
        List<OpResult> batch = new ArrayList<>();
        boolean failing = false;
        while (!closed) {
            try {
                if (batch.isEmpty()) {
                    OpResult first = queue.poll(200, TimeUnit.MILLISECONDS);
                    if (first == null) {
                        continue;
                    }
                    batch.add(first);
                    queue.drainTo(batch, MAX_BATCH - 1);
                }
                send(batch);
                if (failing) {
                    LOG.info("results reach the store again ({})", members.preferred());
                    failing = false;
                }
                acknowledge(batch);
                backoff.reset();
            } catch (StoreUnavailableException e) {
                if (e.refused()) {
                    // A refusal is final; one bad result must not take the others of its batch with it.
                    if (!sendOneByOne(batch)) {
                        return;
                    }
                    acknowledge(batch);
                    continue;
                }
                if (!failing) {
                    LOG.warn("cannot report {} result(s) yet, retrying: {}", batch.size(), e.getMessage());
                    failing = true;
                }
                if (!backoff.pause()) {
                    return;
                }
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void acknowledge(List<OpResult> batch) {
        synchronized (progress) {
            acknowledged += batch.size();
            progress.notifyAll();
        }
        batch.clear();
    }

    /**
     * After a refused batch: each result alone, dropping those refused, retrying the others until sent; false when
     * interrupted (stopping).
     */
    private boolean sendOneByOne(List<OpResult> batch) {
        Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(5));
        for (OpResult r : batch) {
            while (!closed) {
                try {
                    send(List.of(r));
                    break;
                } catch (StoreUnavailableException e) {
                    if (e.refused()) {
                        LOG.error(
                                "store refused the result of {} {}, dropped: {}",
                                r.getResource().getId(),
                                r.getOperation(),
                                e.getMessage());
                        break;
                    }
                    if (!backoff.pause()) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    private void send(List<OpResult> batch) throws StoreUnavailableException {
        ReportRequest request =
                ReportRequest.newBuilder().setNode(node).addAllResults(batch).build();
        members.call(
                (channel, deadline) -> AgentServiceGrpc.newBlockingStub(channel)
                        .withDeadline(deadline)
                        .report(request),
                ATTEMPT);
    }

    @Override
    public void close() {
        closed = true;
        sender.interrupt();
    }
}
