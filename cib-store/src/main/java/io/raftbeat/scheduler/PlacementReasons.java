package io.raftbeat.scheduler;

import io.raftbeat.status.ConfiguredResource;
import io.raftbeat.status.FailCount;
import io.raftbeat.status.NodeStatus;
import io.raftbeat.status.ResourceHistory;
import io.raftbeat.status.Scores;
import io.raftbeat.status.Xml;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Why the scheduler keeps a primitive off a node, in the terms it decides by: the node's state (offline, unclean,
 * pending, standby, maintenance, to be fenced), a location constraint scoring -INFINITY there (on the primitive or
 * its group), a fail count at {@code migration-threshold} that has not expired, a hard error or a missing agent.
 * Pure: the caller passes the CIB and the time; any thread. Used by {@code crm_resource --why}.
 */
public final class PlacementReasons {
    /** One reason: the primitive, the node, whether it is about the node itself, and the reason in words. */
    public record Reason(String resource, String node, boolean nodeState, String text) {}

    private final SchedulingInput in;
    private final Map<String, List<Element>> locationsByResource = new HashMap<>();
    private final Map<String, Element> ids = new HashMap<>();

    private PlacementReasons(Document cib, Instant now) {
        this.in = SchedulingInput.of(cib, now);
        Element root = cib.getDocumentElement();
        Constraints.index(root, ids);
        for (Element c : Xml.children(Xml.path(root, "configuration", "constraints"), "rsc_location")) {
            locationsByResource
                    .computeIfAbsent(c.getAttribute("rsc"), k -> new ArrayList<>())
                    .add(c);
        }
    }

    /** Reads the CIB once; then ask {@link #on} for each primitive. */
    public static PlacementReasons of(Document cib, Instant now) {
        return new PlacementReasons(cib, now);
    }

    /** The reasons for one primitive on every configured node (or only {@code node} when not null), node by node. */
    public List<Reason> on(String primitive, String node) {
        ConfiguredResource p = in.status().resource(primitive).orElse(null);
        List<Reason> found = new ArrayList<>();
        if (p == null || p.kind() != ConfiguredResource.Kind.PRIMITIVE) {
            return found;
        }
        for (String n : in.nodeNames()) {
            if (node == null || node.equals(n)) {
                nodeState(p, n, found);
                locations(p, n, found);
                failures(p, n, found);
            }
        }
        return found;
    }

    private void nodeState(ConfiguredResource p, String node, List<Reason> found) {
        NodeStatus n = in.status().node(node).orElse(null);
        String state = null;
        if (n == null) {
            return;
        } else if (n.unclean()) {
            state = n.online() ? "the node is unclean" : "the node is unclean (offline)";
        } else if (n.pending()) {
            state = "the node is pending (not yet joined)";
        } else if (!n.online()) {
            state = "the node is offline";
        } else if (n.standby()) {
            state = "the node is in standby";
        } else if (n.maintenance()) {
            state = "the node is in maintenance";
        } else if (in.fencedForFailures().contains(node)) {
            state = "the node is to be fenced";
        }
        if (state != null) {
            found.add(new Reason(p.id(), node, true, state));
        }
    }

    /** Location constraints on the primitive or on its group that give the node -INFINITY. */
    private void locations(ConfiguredResource p, String node, List<Reason> found) {
        List<String> owners = new ArrayList<>(List.of(p.id()));
        String unit = in.unitOf(p.id());
        if (!unit.equals(p.id())) {
            owners.add(unit);
        }
        Map<String, String> attrs = in.nodeAttributes().getOrDefault(node, Map.of());
        for (String owner : owners) {
            for (Element c : locationsByResource.getOrDefault(owner, List.of())) {
                if (bans(c, node, attrs)) {
                    String on = owner.equals(p.id()) ? "" : " (on its group " + owner + ")";
                    found.add(new Reason(
                            p.id(), node, false, "location constraint " + c.getAttribute("id") + on + " bans it"));
                }
            }
        }
    }

    // Same constraint ids as the scheduler's; read here for their ids, which Constraints does not keep.
    private boolean bans(Element c, String node, Map<String, String> attrs) {
        if (!c.getAttribute("node").isEmpty()) {
            return c.getAttribute("node").equals(node) && Xml.score(c.getAttribute("score")) <= -Scores.INFINITY;
        }
        for (Element r : Xml.children(c, "rule")) {
            Element rule = Constraints.resolve(r, ids);
            boolean minusInfinity = rule.getAttribute("score-attribute").isEmpty()
                    && Xml.score(rule.getAttribute("score")) <= -Scores.INFINITY;
            if (minusInfinity && Rules.matches(rule, attrs, in.now())) {
                return true;
            }
        }
        return false;
    }

    private void failures(ConfiguredResource p, String node, List<Reason> found) {
        for (FailCount fc : in.status().failCounts()) {
            if (fc.resource().equals(p.id())
                    && fc.node().equals(node)
                    && fc.count() > 0
                    && fc.count() >= p.migrationThreshold()
                    && !in.expired(p, fc.lastFailure())) {
                found.add(new Reason(
                        p.id(),
                        node,
                        false,
                        "its fail count " + score(fc.count()) + " reached migration-threshold="
                                + score(p.migrationThreshold())));
            }
        }
        for (ResourceHistory h : in.status().histories()) {
            if (!h.resource().equals(p.id()) || !h.node().equals(node)) {
                continue;
            }
            if (h.failed() && h.failures().stream().anyMatch(SchedulingInput::hard)) {
                found.add(new Reason(p.id(), node, false, "it failed there with a hard error"));
            } else if (h.notInstalled() && !in.expired(p, h.notInstalledSince())) {
                found.add(new Reason(p.id(), node, false, "its agent is not installed there"));
            }
        }
    }

    private static String score(int value) {
        return value >= Scores.INFINITY ? "INFINITY" : Integer.toString(value);
    }
}
