package io.raftbeat.agent.exec;

import java.time.Duration;
import java.util.Map;

/**
 * What to run: the resource (its id, provider and type, its instance and meta attributes) and the operation's
 * interval and timeout. Provider is empty except for OCF; for the Heartbeat class the parameters named "1", "2", …
 * are the script's arguments.
 */
public record AgentCall(
        String resourceId,
        String provider,
        String type,
        Map<String, String> parameters,
        Map<String, String> meta,
        long intervalMs,
        Duration timeout) {
    public AgentCall {
        parameters = Map.copyOf(parameters);
        meta = Map.copyOf(meta);
    }
}
