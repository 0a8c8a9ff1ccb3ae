package io.raftbeat.scheduler;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One resource's operation history on one node, written as Pacemaker's controller records it: {@code <rsc>_last_0}
 * (the last non-recurring op), {@code <rsc>_monitor_10000} (the recurring monitor, while it runs) and
 * {@code <rsc>_last_failure_0} (a copy of the last failed op), with transition keys, magic and call ids; plus the
 * fail count and last-failure the failure leaves in the node's transient attributes. Test code; one use per node.
 */
final class RandomHistory {
    /** What the history says about the resource on that node. */
    enum Kind {
        STOPPED, // probed, not running
        RUNNING, // started, recurring monitor fine
        FAILED_MONITOR, // started, then its monitor found it not running
        FAILED_START, // its start returned an error
        FAILED_STOP, // started, then its stop returned an error
        RECOVERED // its monitor failed once, then it was stopped: not running, fail count kept
    }

    private static final String UUID = "2668bbeb-06d5-40f9-936d-24cb7f87006a";
    // The parameters digest of an agent given no parameters: Pacemaker restarts a resource whose digest differs. A
    // recurring op's digest also covers its timeout; left out there, so that Pacemaker neither reschedules the
    // monitor nor clears its failures as "parameters changed" (a digest it cannot compare counts as unchanged).
    private static final String DIGEST = "f2317cad3d54cec5d7d7aa7d0bf35cf8";

    private final String node;
    private final long now;
    private final Map<String, String> transients = new LinkedHashMap<>();
    private int callId;
    private int transition;

    RandomHistory(String node, long nowSeconds) {
        this.node = node;
        this.now = nowSeconds;
    }

    /** Fail counts and last-failure times written so far for this node, attribute name to value. */
    Map<String, String> transients() {
        return transients;
    }

    /** The {@code lrm_resource} element of a primitive ({@code cls:provider:type}) in the given state. */
    String resource(String id, String cls, String provider, String type, Kind kind, int failures) {
        List<String> ops = new ArrayList<>();
        boolean stonith = cls.equals("stonith");
        switch (kind) {
            case STOPPED -> ops.add(op(id, id + "_last_0", "monitor", 0, 7, 7));
            case RUNNING -> {
                ops.add(op(id, id + "_last_0", "start", 0, 0, 0));
                ops.add(op(id, id + "_monitor_10000", "monitor", 10000, 0, 0));
            }
            case FAILED_MONITOR -> {
                ops.add(op(id, id + "_last_0", "start", 0, 0, 0));
                String failed = op(id, id + "_monitor_10000", "monitor", 10000, 7, 0);
                ops.add(failed);
                ops.add(failed.replace("\"" + id + "_monitor_10000\"", "\"" + id + "_last_failure_0\""));
                failCount(id, "monitor_10000", String.valueOf(failures));
            }
            case FAILED_START -> {
                String failed = op(id, id + "_last_0", "start", 0, 1, 0);
                ops.add(failed);
                ops.add(failed.replace("\"" + id + "_last_0\"", "\"" + id + "_last_failure_0\""));
                failCount(id, "start_0", "INFINITY"); // start-failure-is-fatal, Pacemaker's default
            }
            case FAILED_STOP -> {
                callId++; // the start, replaced in _last_0 by the stop
                String failed = op(id, id + "_last_0", "stop", 0, 1, 0);
                ops.add(failed);
                ops.add(failed.replace("\"" + id + "_last_0\"", "\"" + id + "_last_failure_0\""));
                failCount(id, "stop_0", "INFINITY");
            }
            case RECOVERED -> {
                callId++; // the start
                String failed = op(id, id + "_last_failure_0", "monitor", 10000, 7, 0);
                ops.add(failed);
                ops.add(op(id, id + "_last_0", "stop", 0, 0, 0));
                failCount(id, "monitor_10000", String.valueOf(failures));
            }
        }
        String attrs = "id=\"" + id + "\" class=\"" + cls + "\"" + (stonith ? "" : " provider=\"" + provider + "\"")
                + " type=\"" + type + "\"";
        return "<lrm_resource " + attrs + ">" + String.join("", ops) + "</lrm_resource>";
    }

    private void failCount(String id, String key, String count) {
        transients.put("fail-count-" + id + "#" + key, count);
        transients.put("last-failure-" + id + "#" + key, String.valueOf(now - 600));
    }

    private String op(String rsc, String id, String operation, long interval, int rc, int targetRc) {
        callId++;
        transition++;
        String key = (callId + 3) + ":" + transition + ":" + targetRc + ":" + UUID;
        return "<lrm_rsc_op id=\"" + id + "\" operation_key=\"" + rsc + "_" + operation + "_" + interval
                + "\" operation=\"" + operation + "\" crm-debug-origin=\"do_update_resource\""
                + " crm_feature_set=\"3.16.2\" transition-key=\"" + key + "\" transition-magic=\"0:" + rc + ";" + key
                + "\" exit-reason=\"\" on_node=\"" + node + "\" call-id=\"" + callId + "\" rc-code=\"" + rc
                + "\" op-status=\"0\" interval=\"" + interval + "\" last-rc-change=\"" + (now - 1200 + callId)
                + "\" exec-time=\"12\" queue-time=\"0\"" + (interval == 0 ? " op-digest=\"" + DIGEST + "\"" : "")
                + "/>";
    }
}
