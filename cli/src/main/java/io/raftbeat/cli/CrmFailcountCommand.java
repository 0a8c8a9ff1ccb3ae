package io.raftbeat.cli;

import java.util.concurrent.Callable;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Pacemaker's {@code crm_failcount}: a resource's fail count on a node, which the cluster keeps as transient
 * attributes {@code fail-count-RSC#OP_INTERVAL} in status. {@code -G} prints their total (INFINITY from 1000000 up)
 * or one operation's with {@code -n}/{@code -I}; {@code -D} clears them with {@code crm_resource --cleanup}, as
 * Pacemaker 2.1.5's script does.
 */
@Command(name = "crm_failcount", sortOptions = false, description = "Query or delete resource fail counts.")
final class CrmFailcountCommand implements Callable<Integer> {
    private static final long INFINITY = 1_000_000;

    @Option(
            names = {"-G", "--query", "--get-value"},
            description = "Query the current value of the resource's fail count")
    boolean query;

    @Option(
            names = {"-D", "--delete", "--delete-attr"},
            description = "Delete the resource's recorded failures")
    boolean delete;

    @Option(
            names = {"-r", "--resource", "--resource-id"},
            paramLabel = "RSC",
            description = "Name of the resource (required)")
    String resource;

    @Option(
            names = {"-n", "--operation"},
            paramLabel = "OP",
            description = "Name of one operation (instead of all)")
    String operation;

    @Option(
            names = {"-I", "--interval"},
            paramLabel = "INTERVAL",
            defaultValue = "0",
            description = "With -n, the operation's interval (seconds unless a unit is given)")
    String interval;

    @Option(
            names = {"-N", "--node", "-U", "--uname"},
            paramLabel = "NODE",
            description = "The node (default: this machine)")
    String node;

    @Option(
            names = {"-q", "-Q", "--quiet"},
            description = "Print only the value (if querying)")
    boolean quiet;

    @Mixin
    CompatibilityOptions compatibility;

    private final CliContext ctx;

    CrmFailcountCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() throws CliFailure {
        if (resource == null || resource.isBlank()) {
            throw CliFailure.usage("crm_failcount: error: resource name required");
        }
        if (query == delete) {
            throw CliFailure.usage("crm_failcount: give one command: -G (query) or -D (delete)");
        }
        String intervalMs = Long.toString(CliIntervals.toMillis(interval, "crm_failcount: --interval (-I)"));
        String target = node != null ? node : NodeIds.localName();
        Document doc = CibSnapshot.read(ctx, CibAttribute.TIMEOUT).document();
        if (delete) {
            new ResourceCleanup(ctx, doc)
                    .run(resource, target, operation, intervalMs).stream()
                            .filter(line -> !quiet)
                            .forEach(ctx.out()::println);
        } else {
            String nodeId = NodeIds.require(doc, target, "crm_attribute");
            print(doc, nodeId, intervalMs);
        }
        ctx.out().flush();
        return 0;
    }

    /** The script's query_failcount: the sum (or one operation's), else the pre-2.0 {@code fail-count-RSC}. */
    private void print(Document doc, String nodeId, String intervalMs) {
        String plain = "fail-count-" + resource;
        String shown = operation != null ? plain + "#" + operation + "_" + intervalMs : plain;
        String count = total(doc, nodeId, shown, operation == null);
        if (count.equals("0")) {
            String legacy = total(doc, nodeId, plain, false);
            if (!legacy.equals("0")) {
                count = legacy;
                shown = plain;
            }
        }
        ctx.out().println(quiet ? count : "scope=status  name=" + shown + " value=" + count);
    }

    /** The named attribute's value, or the sum of those that start with {@code name#}; 0 when there is none. */
    private static String total(Document doc, String nodeId, String name, boolean prefix) {
        long sum = 0;
        NodeList states = doc.getElementsByTagName("node_state");
        for (int i = 0; i < states.getLength(); i++) {
            Element state = (Element) states.item(i);
            if (!nodeId.equals(state.getAttribute("id"))) {
                continue;
            }
            NodeList sets = state.getElementsByTagName("transient_attributes");
            for (int t = 0; t < sets.getLength(); t++) {
                NodeList pairs = ((Element) sets.item(t)).getElementsByTagName("nvpair");
                for (int p = 0; p < pairs.getLength(); p++) {
                    Element pair = (Element) pairs.item(p);
                    String n = pair.getAttribute("name");
                    if (prefix ? n.startsWith(name + "#") : n.equals(name)) {
                        String value = pair.getAttribute("value");
                        if (value.equals("INFINITY")) {
                            return "INFINITY";
                        }
                        try {
                            sum += Long.parseLong(value);
                        } catch (NumberFormatException e) {
                            // Pacemaker's script counts only numbers and INFINITY
                        }
                    }
                }
            }
        }
        return sum >= INFINITY ? "INFINITY" : Long.toString(sum);
    }
}
