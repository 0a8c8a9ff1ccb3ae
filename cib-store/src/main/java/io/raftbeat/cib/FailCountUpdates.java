package io.raftbeat.cib;

import io.raftbeat.proto.v1.OpResult;
import org.w3c.dom.Element;

/**
 * What Pacemaker's controller does with a failed operation besides recording it: it raises the resource's fail
 * count on that node, {@code fail-count-<rsc>#<op>_<interval>} in the node's transient attributes, and stamps
 * {@code last-failure-<rsc>#<op>_<interval>} with the failure's time (seconds). A failed stop, and a failed start
 * while {@code start-failure-is-fatal} (default true), set it to INFINITY; anything else adds one. A cancelled
 * operation, and a probe finding the agent missing (a ban, not a failure), count nothing. Mutates through the
 * transaction; called by the thread owning the CIB.
 */
final class FailCountUpdates {
    static final int INFINITY = 1_000_000;
    private static final int NOT_INSTALLED_RC = 5;
    private static final int NOT_INSTALLED_STATUS = 7;

    private FailCountUpdates() {}

    static void record(CibTransaction tx, String node, OpResult r) {
        if (!counts(r)) {
            return;
        }
        String key = r.getResource().getId() + "#" + r.getOperation() + "_" + r.getIntervalMs();
        Element set = TransientAttributes.statusSet(tx, node);
        String countName = "fail-count-" + key;
        Element count = TransientAttributes.nvpair(set, countName);
        int old = count == null ? 0 : score(count.getAttribute("value"));
        int value = fatal(tx, r) ? INFINITY : Math.min(INFINITY, old + 1);
        TransientAttributes.put(tx, set, node, countName, value >= INFINITY ? "INFINITY" : Integer.toString(value));
        if (r.getLastRcChangeMs() > 0) {
            TransientAttributes.put(tx, set, node, "last-failure-" + key, Long.toString(r.getLastRcChangeMs() / 1000));
        }
    }

    private static boolean counts(OpResult r) {
        boolean missingAgent =
                OpResults.isProbe(r) && (r.getRcCode() == NOT_INSTALLED_RC || r.getOpStatus() == NOT_INSTALLED_STATUS);
        return r.getOpStatus() != OpResults.CANCELLED && !missingAgent && OpResults.isFailure(r);
    }

    private static boolean fatal(CibTransaction tx, OpResult r) {
        return switch (r.getOperation()) {
            case "stop" -> true;
            case "start" -> !isFalse(clusterOption(tx, "start-failure-is-fatal"));
            default -> false;
        };
    }

    private static String clusterOption(CibTransaction tx, String name) {
        Element config = CibSections.child(tx.document().getDocumentElement(), CibSections.CONFIGURATION);
        Element crmConfig = config == null ? null : CibSections.child(config, "crm_config");
        for (Element set : crmConfig == null ? java.util.List.<Element>of() : CibTransaction.children(crmConfig)) {
            Element nv = TransientAttributes.nvpair(set, name);
            if (nv != null) {
                return nv.getAttribute("value");
            }
        }
        return "";
    }

    private static boolean isFalse(String value) {
        return switch (value.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "false", "no", "off", "n", "0" -> true;
            default -> false;
        };
    }

    /** An nvpair's value as a score: INFINITY, a number, or 0. */
    private static int score(String value) {
        String v = value.trim();
        if (v.equals("INFINITY") || v.equals("+INFINITY")) {
            return INFINITY;
        }
        try {
            return (int) Math.max(0, Math.min(INFINITY, Long.parseLong(v)));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
