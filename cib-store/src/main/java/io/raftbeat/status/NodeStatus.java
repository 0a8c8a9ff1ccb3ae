package io.raftbeat.status;

/**
 * One configured node's health as Pacemaker's unpack determines it from its {@code node_state}: online (in the
 * membership, its controller up and joined), unclean (offline or failed while it was expected up, and fencing is
 * enabled: it must be fenced before its resources are started elsewhere), pending (up but not yet joined), standby
 * and maintenance from its {@code standby}/{@code maintenance} attributes (configuration or transient), and shutting
 * down from its transient {@code shutdown} attribute (set to the time its controller began a clean stop, "0" when not):
 * such a node stays online until it leaves but may host nothing. {@code uncleanReason} is why it must be fenced, in
 * Pacemaker's words (empty when clean).
 */
public record NodeStatus(
        String name,
        boolean online,
        boolean unclean,
        boolean pending,
        boolean standby,
        boolean maintenance,
        boolean expectedUp,
        boolean shuttingDown,
        String uncleanReason) {
    static final String UNCLEAN = "node is unclean";

    /** Clean and offline: it went down as expected, or fencing is off. */
    public boolean cleanOffline() {
        return !online && !unclean && !pending;
    }

    NodeStatus asUnclean(String reason) {
        return new NodeStatus(
                name,
                online,
                true,
                pending,
                standby,
                maintenance,
                expectedUp,
                shuttingDown,
                unclean ? uncleanReason : reason);
    }
}
