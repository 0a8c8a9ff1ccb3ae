package io.raftbeat.scheduler;

import io.raftbeat.scheduler.RandomHistory.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The status section of a {@link RandomCluster}: each node online, down cleanly ({@code expected="down"}) or lost
 * while expected up (unclean when fencing is on), and on every node whose history counts, each primitive's history
 * from {@link RandomHistory}: active on at most one node (running or failed there), stopped, recovered or never
 * probed elsewhere. Test code; one use.
 */
final class RandomStatus {
    private enum Health {
        ONLINE,
        DOWN,
        LOST
    }

    private final Random random;
    private final long now;
    private final boolean lostNodes;

    /**
     * @param lostNodes whether nodes may be lost while expected up. Left out without quorum under fencing: Pacemaker
     *     then blocks the stops of what ran on such a node and its recovery elsewhere, which we do not follow yet.
     */
    RandomStatus(Random random, long nowSeconds, boolean lostNodes) {
        this.random = random;
        this.now = nowSeconds;
        this.lostNodes = lostNodes;
    }

    /** The {@code node_state} elements; {@code agents} maps each primitive to its class, provider and type. */
    String xml(List<String> nodes, Map<String, String[]> agents) {
        List<Health> health = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            int roll = random.nextInt(100);
            health.add(i == 0 || roll < 70 ? Health.ONLINE : roll < 85 || !lostNodes ? Health.DOWN : Health.LOST);
        }
        List<RandomHistory> histories = new ArrayList<>();
        List<StringBuilder> lrm = new ArrayList<>();
        for (String n : nodes) {
            histories.add(new RandomHistory(n, now));
            lrm.add(new StringBuilder());
        }
        for (Map.Entry<String, String[]> e : agents.entrySet()) {
            List<Integer> hosts = new ArrayList<>();
            for (int i = 0; i < nodes.size(); i++) {
                if (health.get(i) != Health.DOWN) {
                    hosts.add(i);
                }
            }
            int active = random.nextInt(100) < 55 ? hosts.get(random.nextInt(hosts.size())) : -1;
            for (int i : hosts) {
                Kind kind = i == active ? activeKind() : inactiveKind();
                if (kind != null) {
                    String[] a = e.getValue();
                    lrm.get(i)
                            .append(histories
                                    .get(i)
                                    .resource(e.getKey(), a[0], a[1], a[2], kind, 1 + random.nextInt(3)));
                }
            }
        }
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < nodes.size(); i++) {
            s.append(nodeState(
                    nodes.get(i),
                    health.get(i),
                    lrm.get(i).toString(),
                    histories.get(i).transients()));
        }
        return s.toString();
    }

    /**
     * Left out for now: {@link Kind#FAILED_STOP}. Pacemaker fences the node for it or blocks the resource, and what
     * depends on it then blocks in turn; the scheduler does not follow all of that yet.
     */
    private Kind activeKind() {
        int roll = random.nextInt(100);
        return roll < 70 ? Kind.RUNNING : roll < 84 ? Kind.FAILED_MONITOR : Kind.FAILED_START;
    }

    /** Null: never probed there. */
    private Kind inactiveKind() {
        int roll = random.nextInt(100);
        return roll < 15 ? null : roll < 87 ? Kind.STOPPED : Kind.RECOVERED;
    }

    private static String nodeState(String node, Health health, String lrm, Map<String, String> transients) {
        boolean online = health == Health.ONLINE;
        StringBuilder s = new StringBuilder("<node_state id=\"" + node + "\" uname=\"" + node + "\" in_ccm=\"" + online
                + "\" crmd=\"" + (online ? "online" : "offline") + "\" crm-debug-origin=\"do_update_resource\" join=\""
                + (online ? "member" : "down") + "\" expected=\"" + (health == Health.DOWN ? "down" : "member")
                + "\">");
        if (!transients.isEmpty()) {
            s.append("<transient_attributes id=\"" + node + "\"><instance_attributes id=\"status-" + node + "\">");
            transients.forEach((name, value) ->
                    s.append(RandomCluster.nvpair("status-" + node + "-" + name.replace('#', '-'), name, value)));
            s.append("</instance_attributes></transient_attributes>");
        }
        if (health != Health.DOWN) {
            s.append("<lrm id=\"" + node + "\"><lrm_resources>" + lrm + "</lrm_resources></lrm>");
        }
        return s.append("</node_state>").toString();
    }
}
