package io.raftbeat.status;

/**
 * A resource's failures on a node, from the node's transient attributes: the sum of every
 * {@code fail-count-<rsc>#<op>_<interval>} (and the legacy {@code fail-count-<rsc>}), capped at INFINITY, and the
 * latest {@code last-failure-<rsc>…} in seconds since the epoch (0 when none).
 */
public record FailCount(String node, String resource, int count, long lastFailure) {}
