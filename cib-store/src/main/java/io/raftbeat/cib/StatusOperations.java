package io.raftbeat.cib;

import io.raftbeat.proto.v1.OpResult;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What the store writes into the CIB for node agents: a node joined, was lost (lease expired: unclean), left
 * cleanly, or reported operation results. Each is one CIB operation through the same transaction machinery as
 * cibadmin's writes: versions bump as Pacemaker's do (status changes num_updates, a new node entry the epoch), the
 * delta lists the changed node and node_state elements, and a failure leaves the CIB as it was. Deterministic;
 * called by the thread owning the {@link Cib}.
 */
public final class StatusOperations {
    /** Node names, resource ids and action ids the store accepts: no paths, no XML or XPath metacharacters. */
    public static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]+");
    /** Action ids also allow ':', as in the scheduler's {@code <transition>:<index>}. */
    public static final Pattern ACTION_ID = Pattern.compile("[A-Za-z0-9._:-]+");

    private StatusOperations() {}

    /** The node's agent joined: its {@code <node>} entry exists and its node_state is online, expected member. */
    public static CibDelta nodeJoin(Cib cib, String node, CibOptions options) throws CibException {
        requireName("node name", node);
        return CibOperations.transact(cib, options, "node join", tx -> {
            NodeStates.ensureNode(tx, node);
            NodeStates.online(tx, node);
        });
    }

    /** The node's lease expired: offline with expected member, i.e. unclean; its lrm history stays. */
    public static CibDelta nodeLost(Cib cib, String node, CibOptions options) throws CibException {
        requireName("node name", node);
        return CibOperations.transact(cib, options, "node lost", tx -> NodeStates.offline(tx, node, false));
    }

    /** The node's agent stopped cleanly: offline with expected down. */
    public static CibDelta nodeLeave(Cib cib, String node, CibOptions options) throws CibException {
        requireName("node name", node);
        return CibOperations.transact(cib, options, "node leave", tx -> NodeStates.offline(tx, node, true));
    }

    /** The node was fenced: offline, expected down, its lrm history and transient attributes gone. */
    public static CibDelta nodeFenced(Cib cib, String node, CibOptions options) throws CibException {
        requireName("node name", node);
        return CibOperations.transact(cib, options, "node fenced", tx -> NodeStates.fenced(tx, node));
    }

    /** The node was unfenced at {@code seconds} since the epoch: {@code #node-unfenced} set. */
    public static CibDelta nodeUnfenced(Cib cib, String node, long seconds, CibOptions options) throws CibException {
        requireName("node name", node);
        return CibOperations.transact(cib, options, "node unfenced", tx -> NodeStates.unfenced(tx, node, seconds));
    }

    /** Records each result in the node's lrm history, in order, and each failure in its fail count. */
    public static CibDelta report(Cib cib, String node, List<OpResult> results, CibOptions options)
            throws CibException {
        requireName("node name", node);
        for (OpResult r : results) {
            requireValid(r);
        }
        return CibOperations.transact(cib, options, "report", tx -> {
            for (OpResult r : results) {
                LrmHistory.record(tx, node, r);
                FailCountUpdates.record(tx, node, r);
            }
        });
    }

    /** Refuses a result the history cannot hold (exit 64, CRM_EX_USAGE). */
    public static void requireValid(OpResult r) throws CibException {
        requireName("resource id", r.getResource().getId());
        requireName("operation", r.getOperation());
        requireName("resource class", r.getResource().getResourceClass());
        requireName("resource type", r.getResource().getType());
        if (!r.getResource().getProvider().isEmpty()) {
            requireName("resource provider", r.getResource().getProvider());
        }
        if (r.getIntervalMs() < 0) {
            throw new CibException(CibError.USAGE, "Invalid interval " + r.getIntervalMs() + " ms: it is negative");
        }
    }

    /** Refuses an empty name or one outside {@code [A-Za-z0-9._-]+} (exit 64, CRM_EX_USAGE). */
    public static void requireName(String what, String value) throws CibException {
        require(NAME, what, value, "'.', '_' or '-'");
    }

    /** Refuses an empty action id or one outside {@code [A-Za-z0-9._:-]+} (exit 64, CRM_EX_USAGE). */
    public static void requireActionId(String value) throws CibException {
        require(ACTION_ID, "action id", value, "'.', '_', ':' or '-'");
    }

    private static void require(Pattern p, String what, String value, String punctuation) throws CibException {
        if (value == null || !p.matcher(value).matches()) {
            throw new CibException(
                    CibError.USAGE,
                    "Invalid " + what + " '" + SafeXml.oneLine(value) + "': use letters, digits, " + punctuation);
        }
    }
}
