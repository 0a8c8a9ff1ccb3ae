package io.raftbeat.agent.monitor;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
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

    /** Logs {@code warning} if it is the first for {@code resourceId}; true when it did. */
    public boolean note(String resourceId, String warning) {
        if (warning == null || warning.isBlank() || !warned.add(resourceId)) {
            return false;
        }
        LOG.warn("resource {}: {}", resourceId, warning);
        return true;
    }

    /** How many resources have been warned about (each once). */
    public int count() {
        return warned.size();
    }
}
