package io.raftbeat.cli;

import java.util.Optional;
import java.util.concurrent.Callable;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Pacemaker's {@code crm_standby}: a node's {@code standby} attribute, kept in its {@code instance_attributes} in
 * configuration/nodes ({@code -l forever}, the default for an update) or in its status transient attributes
 * ({@code -l reboot}). Without {@code -l} a query shows the permanent value if set, else the transient one, else
 * {@code off}; a delete removes both. As Pacemaker 2.1.5's script over crm_attribute does.
 */
@Command(name = "crm_standby", sortOptions = false, description = "Query, enable, or disable standby mode for a node.")
final class CrmStandbyCommand implements Callable<Integer> {
    private static final String NAME = "standby";

    @Option(
            names = {"-G", "--query", "--get-value"},
            description = "Query the current value of standby mode (on/off)")
    boolean query;

    @Option(
            names = {"-v", "--update", "--attr-value"},
            paramLabel = "VALUE",
            description = "Update the value of standby mode (on/off)")
    String update;

    @Option(
            names = {"-D", "--delete", "--delete-attr"},
            description = "Let standby mode use its default value")
    boolean delete;

    @Option(
            names = {"-N", "--node", "-U", "--uname"},
            paramLabel = "NODE",
            description = "Operate on the named node instead of this one")
    String node;

    @Option(
            names = {"-l", "--lifetime"},
            paramLabel = "LIFETIME",
            description = "Until when the setting takes effect: reboot or forever")
    String lifetime;

    @Option(
            names = {"-i", "--id", "--attr-id"},
            paramLabel = "ID",
            description = "(Advanced) XML id of the standby attribute")
    String id;

    @Option(
            names = {"-q", "--quiet"},
            description = "Print only the standby status (if querying)")
    boolean quiet;

    @Mixin
    CompatibilityOptions compatibility;

    private final CliContext ctx;

    CrmStandbyCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() throws CliFailure {
        if (lifetime != null && !lifetime.equals("reboot") && !lifetime.equals("forever")) {
            throw CliFailure.usage("crm_standby: --lifetime (-l) must be reboot or forever, not '" + lifetime + "'");
        }
        Document doc = CibSnapshot.read(ctx, CibAttribute.TIMEOUT).document();
        String nodeId = NodeIds.require(doc, node != null ? node : NodeIds.localName(), "crm_attribute");
        CibAttribute forever = attribute("nodes", nodeId);
        CibAttribute reboot = attribute("status", nodeId);
        boolean isQuery = query || (update == null && !delete);
        if (isQuery) {
            query(doc, forever, reboot);
        } else if (delete) {
            if (lifetime == null || lifetime.equals("forever")) {
                forever.delete(doc).filter(line -> !quiet).ifPresent(ctx.out()::println);
            }
            if (lifetime == null || lifetime.equals("reboot")) {
                reboot.delete(doc).filter(line -> !quiet).ifPresent(ctx.out()::println);
            }
        } else {
            ("reboot".equals(lifetime) ? reboot : forever).set(doc, update);
        }
        ctx.out().flush();
        return 0;
    }

    private void query(Document doc, CibAttribute forever, CibAttribute reboot) throws CliFailure {
        Optional<Element> permanent = "reboot".equals(lifetime) ? Optional.empty() : forever.find(doc);
        if (permanent.isPresent() || "forever".equals(lifetime)) {
            print("nodes", permanent, null);
        } else {
            // Pacemaker's script: no permanent value, so the transient one, defaulting to off unless -l was given
            print("status", reboot.find(doc), lifetime == null ? "off" : null);
        }
    }

    private void print(String section, Optional<Element> found, String otherwise) throws CliFailure {
        String value = found.map(e -> e.getAttribute("value")).orElse(otherwise);
        if (value == null) {
            throw new CliFailure(105, "crm_attribute: Error performing operation: No such device or address");
        }
        ctx.out().println(quiet ? value : "scope=" + section + "  name=" + NAME + " value=" + value);
    }

    private CibAttribute attribute(String section, String nodeId) throws CliFailure {
        return new CibAttribute(ctx, AttributeTarget.of(section, nodeId, null), NAME, id, null);
    }
}
