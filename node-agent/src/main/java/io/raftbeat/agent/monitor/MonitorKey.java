package io.raftbeat.agent.monitor;

/** One recurring monitor: a resource and an interval, as Pacemaker keys {@code <rsc>_monitor_<interval>}. */
public record MonitorKey(String resourceId, long intervalMs) {
    @Override
    public String toString() {
        return resourceId + "_monitor_" + intervalMs;
    }
}
