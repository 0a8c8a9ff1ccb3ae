package io.raftbeat.agent.monitor;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs an agent's compliance warning (a Heartbeat-class status that printed neither {@code running} nor
 * {@code OK}) once per resource for the life of the agent: the seed's "the first line isn't read in" flood came
 * from logging it on every poll. Thread-safe.
 */
public final class ComplianceWarnings {
    private static final Logger LOG = LoggerFactory.getLogger(ComplianceWarnings.class);

    private final Set<String> warned = ConcurrentHashMap.newKeySet();
    private final AtomicInteger logged = new AtomicInteger();

    /** Logs {@code warning} if it is the first for {@code resourceId}; true when it did. */
    public boolean note(String resourceId, String warning) {
        if (warning == null || warning.isBlank() || !warned.add(resourceId)) {
            return false;
        }
        LOG.warn("resource {}: {}", resourceId, warning);
        logged.incrementAndGet();
        return true;
    }

    /** How many warnings have been logged in all. */
    public int logged() {
        return logged.get();
    }
}
