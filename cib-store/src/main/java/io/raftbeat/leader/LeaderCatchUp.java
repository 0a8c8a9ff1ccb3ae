package io.raftbeat.leader;

import io.raftbeat.raft.CibReader;
import io.raftbeat.raft.RaftCibStore;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * What a member that just became leader waits for before it acts on the CIB: that it leads, and that a ReadIndex
 * succeeds, i.e. this term committed an entry and it is applied here, so the state holds every earlier leader's
 * entries. Then {@code read} runs on that state and its result goes to {@code then}. Retried every {@code retryMs}
 * on {@code executor} until it succeeds or {@code current} says a later leader start or stop made it moot.
 */
final class LeaderCatchUp<T> {
    private final Supplier<RaftCibStore> raft;
    private final ScheduledExecutorService executor;
    private final long retryMs;
    private final BooleanSupplier current;
    private final CibReader<T> read;
    private final Consumer<T> then;

    LeaderCatchUp(
            Supplier<RaftCibStore> raft,
            ScheduledExecutorService executor,
            long retryMs,
            BooleanSupplier current,
            CibReader<T> read,
            Consumer<T> then) {
        this.raft = raft;
        this.executor = executor;
        this.retryMs = retryMs;
        this.current = current;
        this.read = read;
        this.then = then;
    }

    /** Runs on the caller's thread; later tries and {@code then} run on the executor or a Raft callback thread. */
    void run() {
        if (!current.getAsBoolean()) {
            return;
        }
        RaftCibStore r = raft.get();
        if (r == null || !r.isLeader()) {
            retry();
            return;
        }
        r.readLinearizable(read).whenComplete((result, t) -> {
            if (t != null) {
                retry();
            } else if (current.getAsBoolean()) {
                then.accept(result);
            }
        });
    }

    private void retry() {
        executor.schedule(this::run, retryMs, TimeUnit.MILLISECONDS);
    }
}
