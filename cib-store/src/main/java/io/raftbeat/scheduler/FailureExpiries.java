package io.raftbeat.scheduler;

import io.raftbeat.status.ConfiguredResource;
import io.raftbeat.status.LrmRscOp;
import io.raftbeat.status.ResourceHistory;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.LongStream;
import java.util.stream.Stream;

/**
 * When the passing of time alone will change the scheduler's answer: the earliest moment after {@code now} at which
 * a failure (a fail count, a failed operation, a missing agent) reaches its resource's {@code failure-timeout}.
 * The leader runs the scheduler again at that moment rather than on a periodic recheck. Pure.
 */
final class FailureExpiries {
    private FailureExpiries() {}

    static Optional<Instant> next(SchedulingInput in) {
        long now = in.now().getEpochSecond();
        Stream<Long> failCounts = in.status().failCounts().stream()
                .filter(fc -> fc.count() > 0)
                .map(fc -> expiry(in, fc.resource(), fc.lastFailure()));
        Stream<Long> histories = in.status().histories().stream().flatMap(h -> expiries(in, h));
        return Stream.concat(failCounts, histories)
                .filter(at -> at > now)
                .min(Long::compare)
                .map(Instant::ofEpochSecond);
    }

    private static Stream<Long> expiries(SchedulingInput in, ResourceHistory h) {
        LongStream failures = h.failures().stream().mapToLong(LrmRscOp::lastRcChange);
        LongStream missing = h.notInstalled() ? LongStream.of(h.notInstalledSince()) : LongStream.empty();
        return LongStream.concat(failures, missing).mapToObj(at -> expiry(in, h.resource(), at));
    }

    /** Seconds since the epoch at which a failure at {@code at} expires; 0 when it never does. */
    private static long expiry(SchedulingInput in, String resource, long at) {
        String timeout = in.status()
                .resource(resource)
                .map(ConfiguredResource::meta)
                .map(m -> m.get("failure-timeout"))
                .orElse(null);
        long seconds = timeout == null ? 0 : Durations.seconds(timeout);
        return seconds > 0 && at > 0 ? at + seconds : 0;
    }
}
