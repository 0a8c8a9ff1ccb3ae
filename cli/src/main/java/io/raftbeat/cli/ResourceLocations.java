package io.raftbeat.cli;

import io.raftbeat.proto.v1.CibOperation;
import io.raftbeat.proto.v1.CibRequest;
import java.time.Duration;
import java.time.Period;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * {@code crm_resource --move/--ban/--clear}: the location constraints Pacemaker's crm_resource manages for the
 * operator, {@code cli-prefer-RSC} (score INFINITY on the target) and {@code cli-ban-RSC-on-NODE} (-INFINITY), with
 * a {@code --lifetime} as a rule with a date expression. Ids, XML, messages and exit codes as Pacemaker 2.1.5's.
 * Runs on the command's thread; prints to the command's output.
 */
final class ResourceLocations {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final DateTimeFormatter END = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'");

    private final CliContext ctx;
    private final CibSnapshot cib;
    private final Document doc;
    private final boolean quiet;

    ResourceLocations(CliContext ctx, CibSnapshot cib, boolean quiet) throws CliFailure {
        this.ctx = ctx;
        this.cib = cib;
        this.doc = cib.document();
        this.quiet = quiet;
    }

    /** --move: prefer {@code node}; without a node, ban the resource from the one node it is active on. */
    void move(String rsc, String node, String lifetime) throws CliFailure {
        ResourceIds.require(doc, rsc, "crm_resource");
        if (node == null) {
            ban(rsc, null, lifetime);
            return;
        }
        requireNode(node);
        List<String> active = cib.status().activeNodes(rsc);
        if (active.size() == 1 && active.get(0).equals(node)) {
            throw new CliFailure(108, "crm_resource: Error performing operation: Requested item already exists");
        }
        String ban = banId(rsc, node);
        if (exists(ban)) {
            deleteAll(List.of(ban)); // Pacemaker lifts a ban from the node the resource moves to
        }
        String id = "cli-prefer-" + rsc;
        String end = end(lifetime);
        put(
                id,
                location(
                        id,
                        rsc,
                        node,
                        "INFINITY",
                        end,
                        "cli-prefer-rule-" + rsc,
                        "cli-prefer-expr-" + rsc,
                        "cli-prefer-lifetime-end-" + rsc));
    }

    /** --ban: -INFINITY on {@code node}, or on the one node the resource is active on. */
    void ban(String rsc, String node, String lifetime) throws CliFailure {
        ResourceIds.require(doc, rsc, "crm_resource");
        if (node == null) {
            List<String> active = cib.status().activeNodes(rsc);
            if (active.size() != 1) {
                throw CliFailure.usage("crm_resource: Resource '" + rsc + "' not moved: active in " + active.size()
                        + " locations. To prevent '" + rsc + "' from running on a specific location, specify a node.");
            }
            node = active.get(0);
        } else {
            requireNode(node);
        }
        String id = banId(rsc, node);
        String end = end(lifetime);
        if (!quiet) {
            ctx.out()
                    .println("WARNING: Creating rsc_location constraint '" + id
                            + "' with a score of -INFINITY for resource " + rsc + " on " + node + ".");
            ctx.out()
                    .println("\tThis will prevent " + rsc + " from running on " + node + " until the constraint is"
                            + " removed using the clear option or by editing the CIB with an appropriate tool");
            ctx.out().println("\tThis will be the case even if " + node + " is the last node in the cluster");
        }
        put(id, location(id, rsc, node, "-INFINITY", end, id + "-rule", id + "-expr", id + "-lifetime"));
    }

    /** --clear: the resource's bans (on {@code node} only, if given) and its preference (for that node). */
    void clear(String rsc, String node) throws CliFailure {
        ResourceIds.require(doc, rsc, "crm_resource");
        if (node != null) {
            requireNode(node);
        }
        List<String> ids = new ArrayList<>();
        String prefer = "cli-prefer-" + rsc;
        NodeList locations = doc.getElementsByTagName("rsc_location");
        for (int i = 0; i < locations.getLength(); i++) {
            Element e = (Element) locations.item(i);
            String id = e.getAttribute("id");
            if (node == null ? id.startsWith("cli-ban-" + rsc + "-on-") : id.equals(banId(rsc, node))) {
                ids.add(id);
            }
        }
        for (int i = 0; i < locations.getLength(); i++) {
            Element e = (Element) locations.item(i);
            if (e.getAttribute("id").equals(prefer) && (node == null || on(e, node))) {
                ids.add(prefer);
            }
        }
        if (!ids.isEmpty()) {
            deleteAll(ids);
        }
        if (!quiet) {
            ids.forEach(id -> ctx.out().println("Removing constraint: " + id));
        }
    }

    private static String banId(String rsc, String node) {
        return "cli-ban-" + rsc + "-on-" + node;
    }

    /** The constraint names the node directly or through its {@code #uname} expression. */
    private static boolean on(Element location, String node) {
        if (node.equals(location.getAttribute("node"))) {
            return true;
        }
        NodeList expressions = location.getElementsByTagName("expression");
        for (int i = 0; i < expressions.getLength(); i++) {
            Element x = (Element) expressions.item(i);
            if ("#uname".equals(x.getAttribute("attribute")) && node.equals(x.getAttribute("value"))) {
                return true;
            }
        }
        return false;
    }

    private static String location(
            String id, String rsc, String node, String score, String end, String rule, String expr, String date) {
        String head =
                "<rsc_location id=\"" + XmlText.escape(id) + "\" rsc=\"" + XmlText.escape(rsc) + "\" role=\"Started\"";
        if (end == null) {
            return head + " node=\"" + XmlText.escape(node) + "\" score=\"" + score + "\"/>";
        }
        return head + "><rule id=\"" + XmlText.escape(rule) + "\" score=\"" + score + "\" boolean-op=\"and\">"
                + "<expression id=\"" + XmlText.escape(expr) + "\" attribute=\"#uname\" operation=\"eq\" value=\""
                + XmlText.escape(node) + "\" type=\"string\"/><date_expression id=\"" + XmlText.escape(date)
                + "\" operation=\"lt\" end=\"" + end + "\"/></rule></rsc_location>";
    }

    /** The end of an ISO 8601 {@code --lifetime} from now, printed as Pacemaker prints it; null without one. */
    private String end(String lifetime) throws CliFailure {
        if (lifetime == null) {
            return null;
        }
        String spec = lifetime.trim().toUpperCase(java.util.Locale.ROOT);
        ZonedDateTime end = ZonedDateTime.now(ZoneOffset.UTC).withNano(0);
        try {
            int t = spec.indexOf('T');
            String date = t < 0 ? spec : spec.substring(0, t);
            if (!date.equals("P")) {
                end = end.plus(Period.parse(date));
            }
            if (t >= 0) {
                end = end.plus(Duration.parse("PT" + spec.substring(t + 1)));
            }
        } catch (DateTimeParseException e) {
            throw CliFailure.usage("crm_resource: --lifetime (-u) must be an ISO 8601 duration such as PT1H or P1D,"
                    + " not '" + lifetime + "'");
        }
        String text = END.format(end);
        ctx.out().println("Migration will take effect until: " + text);
        return text;
    }

    private void requireNode(String node) throws CliFailure {
        if (NodeIds.find(doc, node).isEmpty()) {
            throw new CliFailure(105, "crm_resource: Node '" + node + "' not found");
        }
    }

    private boolean exists(String id) {
        NodeList locations = doc.getElementsByTagName("rsc_location");
        for (int i = 0; i < locations.getLength(); i++) {
            if (id.equals(((Element) locations.item(i)).getAttribute("id"))) {
                return true;
            }
        }
        return false;
    }

    /** Replaces the constraint with that id in place, or adds it to the constraints. */
    private void put(String id, String xml) throws CliFailure {
        CibRequest.Builder request = CibRequest.newBuilder()
                .setRequestId(UUID.randomUUID().toString())
                .setXml(xml);
        if (exists(id)) {
            request.setOperation(CibOperation.CIB_REPLACE).setXpath(xpath(id));
        } else {
            request.setOperation(CibOperation.CIB_CREATE).setScope("constraints");
        }
        CibAccess.run(ctx, request.build(), TIMEOUT);
    }

    private void deleteAll(List<String> ids) throws CliFailure {
        CibAccess.deleteAll(ctx, ids.stream().map(ResourceLocations::xpath).toList(), TIMEOUT);
    }

    private static String xpath(String id) {
        return "/cib/configuration/constraints/rsc_location[@id=" + XmlText.literal(id) + "]";
    }
}
