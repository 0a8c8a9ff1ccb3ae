package io.raftbeat.scheduler;

/**
 * One action of a transition: an operation of a resource on a node ({@code start}, {@code stop}, {@code monitor}
 * with an interval for a recurring monitor or 0 for a probe), or a fencing of a node ({@code resource} empty,
 * operation {@code reboot}, or {@code on} to unfence it). {@code reason} says why, in Pacemaker's words where it has
 * some.
 */
public record Action(String resource, String node, String operation, long intervalMs, String reason) {
    public boolean isFencing() {
        return resource.isEmpty();
    }

    /** Pacemaker's operation key, {@code rsc1_monitor_10000}. */
    public String key() {
        return resource + "_" + operation + "_" + intervalMs;
    }
}
