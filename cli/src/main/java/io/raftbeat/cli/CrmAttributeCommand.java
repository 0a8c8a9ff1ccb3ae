package io.raftbeat.cli;

import java.util.Optional;
import java.util.concurrent.Callable;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Pacemaker's {@code crm_attribute}: query, set or delete a cluster option ({@code crm_config}), a resource or
 * operation default, a node attribute ({@code nodes}, {@code -l forever}) or a transient one ({@code status},
 * {@code -l reboot}), on the cluster ({@code CIB_SERVER}) or a file ({@code CIB_file}). Output, ids and exit codes
 * follow Pacemaker 2.1.5.
 */
@Command(name = "crm_attribute", sortOptions = false, description = "Manage node and cluster attributes.")
final class CrmAttributeCommand implements Callable<Integer> {
    @Option(
            names = {"-n", "--name"},
            paramLabel = "NAME",
            description = "Name of the attribute")
    String name;

    @Option(
            names = {"-v", "--update"},
            paramLabel = "VALUE",
            description = "Update the attribute's value")
    String update;

    @Option(
            names = {"-G", "--query"},
            description = "Query the attribute's value")
    boolean query;

    @Option(
            names = {"-D", "--delete"},
            description = "Delete the attribute")
    boolean delete;

    @Option(
            names = {"-N", "--node"},
            paramLabel = "NODE",
            description = "The node's attribute (default: this machine's)")
    String node;

    @Option(
            names = {"-t", "--type"},
            paramLabel = "SECTION",
            description = "crm_config (default), rsc_defaults, op_defaults, nodes or status")
    String type;

    @Option(
            names = {"-l", "--lifetime"},
            paramLabel = "LIFETIME",
            description = "A node attribute until reboot (status) or forever (nodes)")
    String lifetime;

    @Option(
            names = {"-s", "--set-name"},
            paramLabel = "SET",
            description = "The attribute set's id")
    String set;

    @Option(
            names = {"-i", "--id"},
            paramLabel = "ID",
            description = "The nvpair's id")
    String id;

    @Option(
            names = {"-d", "--default"},
            paramLabel = "VALUE",
            description = "Print this when querying an attribute that is not set")
    String defaultValue;

    @Option(
            names = {"-q", "--quiet"},
            description = "Print only the value when querying")
    boolean quiet;

    @Mixin
    CompatibilityOptions compatibility;

    private final CliContext ctx;

    CrmAttributeCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() throws CliFailure {
        if (name == null && id == null) {
            throw CliFailure.usage("crm_attribute: give the attribute's name with -n (or its id with -i)");
        }
        Document doc = CibSnapshot.read(ctx, CibAttribute.TIMEOUT).document();
        String section = section();
        String nodeId = null;
        if (section.equals("nodes") || section.equals("status")) {
            nodeId = NodeIds.require(doc, node != null ? node : NodeIds.localName(), "crm_attribute");
        }
        CibAttribute attribute = new CibAttribute(ctx, AttributeTarget.of(section, nodeId, set), name, id, set);
        if (!query && delete) {
            attribute.delete(doc).filter(line -> !quiet).ifPresent(ctx.out()::println);
        } else if (!query && update != null) {
            attribute.set(doc, update);
        } else {
            print(section, attribute.find(doc));
        }
        ctx.out().flush();
        return 0;
    }

    /** {@code -t} when given; else {@code -l} or {@code -N} make it a node attribute, as for Pacemaker. */
    private String section() throws CliFailure {
        if (lifetime != null && (type == null || type.equals("nodes") || type.equals("status"))) {
            return switch (lifetime) {
                case "reboot" -> "status";
                case "forever" -> "nodes";
                default ->
                    throw CliFailure.usage(
                            "crm_attribute: --lifetime (-l) must be reboot or forever, not '" + lifetime + "'");
            };
        }
        if (type != null) {
            return type;
        }
        return node != null ? "nodes" : "crm_config";
    }

    private void print(String section, Optional<Element> found) throws CliFailure {
        String value;
        String shownName = name;
        if (found.isPresent()) {
            value = found.get().getAttribute("value");
            shownName = found.get().getAttribute("name");
        } else if (defaultValue != null) {
            value = defaultValue;
        } else {
            throw new CliFailure(105, "crm_attribute: Error performing operation: No such device or address");
        }
        ctx.out().println(quiet ? value : "scope=" + section + "  name=" + shownName + " value=" + value);
    }
}
