package io.raftbeat.cli;

import io.raftbeat.scheduler.PlacementReasons;
import io.raftbeat.status.ClusterStatus;
import io.raftbeat.status.ConfiguredResource;
import io.raftbeat.status.ResourceHistory;
import io.raftbeat.status.Xml;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.w3c.dom.Document;

/**
 * {@code crm_resource --why [-r ID] [-N NODE]}: Pacemaker 2.1.5's lines first, exactly as its {@code
 * resource-reasons-list} and {@code resource-check-list} print them ("Resource d1 is running on host node1",
 * "Configuration specifies 'd1' should remain stopped", ...), then the reasons our scheduler knows and Pacemaker does
 * not print, one line each in the form {@code 'd1' cannot run on node2: <reason>} (see {@link PlacementReasons}).
 * Node states are given only for a resource that is not running, or for the node asked about. Pure.
 */
final class ResourceWhy {
    private static final int NO_SUCH = 105;

    private final ClusterStatus status;
    private final PlacementReasons reasons;

    ResourceWhy(Document cib, ClusterStatus status, Instant now) {
        this.status = status;
        this.reasons = PlacementReasons.of(cib, now);
    }

    List<String> lines(String resource, String node) throws CliFailure {
        if (node != null && status.node(node).isEmpty()) {
            throw new CliFailure(NO_SUCH, "crm_resource: Node '" + node + "' not found");
        }
        ConfiguredResource rsc = null;
        if (resource != null) {
            rsc = status.resource(resource)
                    .orElseThrow(() -> new CliFailure(NO_SUCH, "crm_resource: Resource '" + resource + "' not found"));
        }
        List<String> lines = new ArrayList<>();
        if (rsc == null && node == null) {
            for (ConfiguredResource top : status.resources()) {
                lines.add("Resource " + top.id() + " is " + (running(top) ? "" : "not ") + "running");
                explain(top, null, lines);
            }
        } else if (rsc != null && node != null) {
            boolean there = status.activeNodes(rsc.id()).contains(node);
            lines.add("Resource " + rsc.id() + " is " + (there ? "" : "not ") + "running on host " + node);
            explain(rsc, node, lines);
        } else if (rsc == null) {
            // Pacemaker lists the primitives active on the node, and checks each, without reasons against it.
            for (ResourceHistory h : status.historiesOn(node)) {
                ConfiguredResource p = status.resource(h.resource()).orElse(null);
                if (h.active() && p != null) {
                    lines.add("Resource " + p.id() + " is running on host " + node);
                    lines.addAll(checks(p));
                }
            }
        } else {
            lines.add("Resource " + rsc.id() + " is " + (running(rsc) ? "" : "not ") + "running");
            explain(rsc, null, lines);
        }
        return lines;
    }

    private void explain(ConfiguredResource rsc, String node, List<String> lines) {
        lines.addAll(checks(rsc));
        for (ConfiguredResource p : rsc.primitives()) {
            boolean stopped = !running(p);
            for (PlacementReasons.Reason r : reasons.on(p.id(), node)) {
                if (!r.nodeState() || stopped || node != null) {
                    lines.add("'" + r.resource() + "' cannot run on " + r.node() + ": " + r.text());
                }
            }
        }
    }

    /**
     * Pacemaker's cli_resource_check: the resource's effective meta attributes (its own over its group's), named by
     * its top-level resource as Pacemaker does.
     */
    private List<String> checks(ConfiguredResource rsc) {
        String top = topLevel(rsc).id();
        List<String> lines = new ArrayList<>();
        String role = rsc.meta().get("target-role");
        if ("stopped".equalsIgnoreCase(role)) {
            lines.add("Configuration specifies '" + top + "' should remain stopped");
        } else if (("unpromoted".equalsIgnoreCase(role) || "slave".equalsIgnoreCase(role))
                && Xml.isTrue(topLevel(rsc).meta().get("promotable"))) {
            lines.add("Configuration specifies '" + top + "' should not be promoted");
        }
        String managed = rsc.meta().get("is-managed");
        if (managed != null && !Xml.isTrue(managed)) {
            lines.add("Configuration prevents cluster from stopping or starting unmanaged '" + top + "'");
        }
        return lines;
    }

    private ConfiguredResource topLevel(ConfiguredResource rsc) {
        for (ConfiguredResource top : status.resources()) {
            if (top.id().equals(rsc.id())
                    || top.primitives().stream().anyMatch(p -> p.id().equals(rsc.id()))
                    || top.children().stream().anyMatch(c -> c.id().equals(rsc.id()))) {
                return top;
            }
        }
        return rsc;
    }

    private boolean running(ConfiguredResource rsc) {
        return !status.activeNodes(rsc.id()).isEmpty();
    }
}
