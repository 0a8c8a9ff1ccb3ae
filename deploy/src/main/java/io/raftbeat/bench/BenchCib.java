package io.raftbeat.bench;

/**
 * A synthetic CIB for the scheduler benchmark: N online nodes, P {@code ocf:heartbeat:Dummy} primitives with a
 * 10s monitor, location constraints (every 5th resource prefers a node, every 50th is banned from one), colocations
 * (each odd resource with the one before it), and a status history in which every resource runs where the
 * constraints want it, with its start and monitor recorded, and every 100th has a failed monitor and a fail count
 * (a recovery for the scheduler to plan). Deterministic: the same sizes give the same text.
 */
final class BenchCib {
    private static final long EPOCH = 1_700_000_000L;
    private static final String UUID = "6ba7b810-9dad-11d1-80b4-00c04fd430c8";
    // Pacemaker's digests of the parameters (none) of a start and of a 10s monitor with the default 20s timeout:
    // without them it would restart every resource and re-issue every monitor "due to resource definition change".
    private static final String START_DIGEST = "f2317cad3d54cec5d7d7aa7d0bf35cf8";
    private static final String MONITOR_DIGEST = "4811cef7f7f94e3a35a70be7916cb2fd";

    private BenchCib() {}

    static String of(int primitives, int nodes) {
        StringBuilder x = new StringBuilder(primitives * 1200 + 4096);
        x.append("<cib crm_feature_set=\"3.16.1\" validate-with=\"pacemaker-3.9\" epoch=\"1\" num_updates=\"0\"")
                .append(" admin_epoch=\"0\" have-quorum=\"1\" dc-uuid=\"node1\">\n  <configuration>\n")
                .append("    <crm_config><cluster_property_set id=\"cib-bootstrap-options\">")
                .append("<nvpair id=\"opt-stonith\" name=\"stonith-enabled\" value=\"false\"/>")
                .append("</cluster_property_set></crm_config>\n    <nodes>\n");
        for (int n = 1; n <= nodes; n++) {
            x.append("      <node id=\"node")
                    .append(n)
                    .append("\" uname=\"node")
                    .append(n)
                    .append("\"/>\n");
        }
        x.append("    </nodes>\n    <resources>\n");
        for (int i = 0; i < primitives; i++) {
            x.append("      <primitive id=\"r")
                    .append(i)
                    .append("\" class=\"ocf\" provider=\"heartbeat\" type=\"Dummy\">")
                    .append("<operations><op id=\"r")
                    .append(i)
                    .append("-mon\" name=\"monitor\" interval=\"10s\"/></operations>");
            if (i % 10 == 3) {
                x.append("<meta_attributes id=\"r")
                        .append(i)
                        .append("-meta\"><nvpair id=\"r")
                        .append(i)
                        .append("-mt\" name=\"migration-threshold\" value=\"3\"/></meta_attributes>");
            }
            x.append("</primitive>\n");
        }
        x.append("    </resources>\n    <constraints>\n");
        for (int i = 0; i < primitives; i++) {
            if (i % 5 == 0) {
                location(x, "prefer-r" + i, i, home(i, nodes), "100");
            }
            if (i % 50 == 0 && nodes > 1) {
                location(x, "ban-r" + i, i, (home(i, nodes) + 1) % nodes, "-INFINITY");
            }
            if (i % 2 == 1) {
                x.append("      <rsc_colocation id=\"with-r")
                        .append(i)
                        .append("\" rsc=\"r")
                        .append(i)
                        .append("\" with-rsc=\"r")
                        .append(i - 1)
                        .append("\" score=\"INFINITY\"/>\n");
            }
        }
        x.append("    </constraints>\n  </configuration>\n  <status>\n");
        for (int n = 0; n < nodes; n++) {
            status(x, n, primitives, nodes);
        }
        return x.append("  </status>\n</cib>\n").toString();
    }

    /** Pairs share a node (so the colocations hold), pairs spread round-robin. */
    private static int home(int resource, int nodes) {
        return (resource / 2) % nodes;
    }

    private static void location(StringBuilder x, String id, int resource, int node, String score) {
        x.append("      <rsc_location id=\"")
                .append(id)
                .append("\" rsc=\"r")
                .append(resource)
                .append("\" node=\"node")
                .append(node + 1)
                .append("\" score=\"")
                .append(score)
                .append("\"/>\n");
    }

    private static void status(StringBuilder x, int node, int primitives, int nodes) {
        String name = "node" + (node + 1);
        x.append("    <node_state id=\"")
                .append(name)
                .append("\" uname=\"")
                .append(name)
                .append("\" in_ccm=\"true\" crmd=\"online\" join=\"member\" expected=\"member\"")
                .append(" crm-debug-origin=\"bench\">\n      <transient_attributes id=\"")
                .append(name)
                .append("\"><instance_attributes id=\"status-")
                .append(name)
                .append("\">");
        for (int i = node * 2; i < primitives; i += nodes * 2) {
            for (int r = i; r < Math.min(i + 2, primitives); r++) {
                if (r % 100 == 7) {
                    x.append("<nvpair id=\"status-")
                            .append(name)
                            .append("-fc-r")
                            .append(r);
                    x.append("\" name=\"fail-count-r").append(r).append("#monitor_10000\" value=\"1\"/>");
                    x.append("<nvpair id=\"status-")
                            .append(name)
                            .append("-lf-r")
                            .append(r);
                    x.append("\" name=\"last-failure-r").append(r).append("#monitor_10000\" value=\"");
                    x.append(EPOCH + 60).append("\"/>");
                }
            }
        }
        x.append("</instance_attributes></transient_attributes>\n      <lrm id=\"")
                .append(name)
                .append("\"><lrm_resources>\n");
        int call = 1;
        for (int i = node * 2; i < primitives; i += nodes * 2) {
            for (int r = i; r < Math.min(i + 2, primitives); r++) {
                x.append("        <lrm_resource id=\"r").append(r).append("\" class=\"ocf\" provider=\"heartbeat\"");
                x.append(" type=\"Dummy\">");
                op(x, "r" + r + "_last_0", "r" + r, "start", 0, 0, name, call++);
                boolean failed = r % 100 == 7; // its monitor found it stopped: recover
                op(x, "r" + r + "_monitor_10000", "r" + r, "monitor", 10000, failed ? 7 : 0, name, call);
                if (failed) {
                    op(x, "r" + r + "_last_failure_0", "r" + r, "monitor", 10000, 7, name, call);
                }
                call++;
                x.append("</lrm_resource>\n");
            }
        }
        x.append("      </lrm_resources></lrm>\n    </node_state>\n");
    }

    private static void op(
            StringBuilder x, String id, String rsc, String op, long interval, int rc, String node, int call) {
        String key = call + ":1:0:" + UUID; // Pacemaker insists on a UUID-shaped key
        x.append("<lrm_rsc_op id=\"")
                .append(id)
                .append("\" operation_key=\"")
                .append(rsc)
                .append('_')
                .append(op)
                .append('_')
                .append(interval)
                .append("\" operation=\"")
                .append(op)
                .append("\" crm-debug-origin=\"bench\" crm_feature_set=\"3.16.1\" transition-key=\"")
                .append(key)
                .append("\" transition-magic=\"0:")
                .append(rc)
                .append(';')
                .append(key)
                .append("\" exit-reason=\"\" on_node=\"")
                .append(node)
                .append("\" call-id=\"")
                .append(call)
                .append("\" rc-code=\"")
                .append(rc)
                .append("\" op-status=\"0\" interval=\"")
                .append(interval)
                .append("\" last-rc-change=\"")
                .append(EPOCH + (rc == 0 ? 0 : 60))
                .append("\" exec-time=\"10\" queue-time=\"0\" op-digest=\"")
                .append(interval == 0 ? START_DIGEST : MONITOR_DIGEST)
                .append("\"/>");
    }
}
