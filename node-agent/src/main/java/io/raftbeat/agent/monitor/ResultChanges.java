package io.raftbeat.agent.monitor;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The last reported result of each recurring monitor, so that a poll is reported only when its (rc, op-status)
 * differs from the last one reported: a healthy cluster writes nothing. Pure bookkeeping; thread-safe.
 */
public final class ResultChanges {
    private record Last(int rc, int opStatus) {}

    private final Map<MonitorKey, Last> last = new ConcurrentHashMap<>();

    /** Records the result and says whether it differs from the previous one (the first always does). */
    public boolean changed(MonitorKey key, int rc, int opStatus) {
        Last now = new Last(rc, opStatus);
        return !now.equals(last.put(key, now));
    }

    /** The last rc recorded for {@code key}, or {@code fallback}. */
    public int lastRc(MonitorKey key, int fallback) {
        Last l = last.get(key);
        return l == null ? fallback : l.rc();
    }

    public void forget(MonitorKey key) {
        last.remove(key);
    }
}
