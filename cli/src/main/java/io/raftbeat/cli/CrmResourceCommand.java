package io.raftbeat.cli;

import io.raftbeat.agent.config.ResourceSpecs;
import io.raftbeat.proto.v1.ResourceSpec;
import io.raftbeat.status.ClusterStatus;
import io.raftbeat.status.ConfiguredResource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Pacemaker's {@code crm_resource}: {@code --list}, {@code --locate -r ID},
 * {@code --force-start|--force-stop|--force-check -r ID}, {@code --move|--ban|--clear -r ID [-N NODE]}
 * ({@link ResourceLocations}), {@code --cleanup [-r ID] [-N NODE]} ({@link ResourceCleanup}) and
 * {@code --why [-r ID] [-N NODE]} ({@link ResourceWhy}), on the cluster
 * ({@code CIB_SERVER}) or a file ({@code CIB_file}). Output and exit codes follow Pacemaker 2.1.5; a missing resource is one line and exit 105.
 */
@Command(name = "crm_resource", sortOptions = false, description = "Perform tasks related to cluster resources.")
final class CrmResourceCommand implements Callable<Integer> {
    private static final int NO_SUCH = 105;
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final long DEFAULT_RESTART_MS = 60_000;

    @Option(
            names = {"-L", "--list"},
            description = "List all cluster resources with status")
    boolean list;

    @Option(
            names = {"-W", "--locate"},
            description = "Show the nodes the resource (-r) is running on")
    boolean locate;

    @Option(names = "--force-start", description = "Start the resource (-r) on this machine, bypassing the cluster")
    boolean forceStart;

    @Option(names = "--force-stop", description = "Stop the resource (-r) on this machine, bypassing the cluster")
    boolean forceStop;

    @Option(names = "--force-check", description = "Monitor the resource (-r) on this machine, bypassing the cluster")
    boolean forceCheck;

    @Option(
            names = {"-M", "--move"},
            description = "Move the resource (-r) to the node (-N), or away from where it runs")
    boolean move;

    @Option(
            names = {"-B", "--ban"},
            description = "Keep the resource (-r) off the node (-N), or off where it runs")
    boolean ban;

    @Option(
            names = {"-U", "--clear"},
            description = "Remove the constraints --move and --ban made for the resource (-r)")
    boolean clear;

    @Option(
            names = {"-C", "--cleanup"},
            description = "Forget the resource's (-r, default all failed) history and failures on the node (-N)")
    boolean cleanup;

    @Option(names = "--restart", description = "Stop the resource (-r) and what depends on it, then start them again")
    boolean restart;

    @Option(
            names = {"-T", "--timeout"},
            paramLabel = "N",
            description = "Give up on --restart after this long (default 60s)")
    String timeout;

    @Option(
            names = {"-Y", "--why"},
            description = "Show why resources (-r, default all) are or are not running (on the node -N)")
    boolean why;

    @Option(
            names = {"-N", "--node"},
            paramLabel = "NODE",
            description = "Node name")
    String node;

    @Option(
            names = {"-u", "--lifetime"},
            paramLabel = "TIMESPEC",
            description = "With --move or --ban, how long the constraint lasts (ISO 8601 duration)")
    String lifetime;

    @Option(
            names = {"-n", "--operation"},
            paramLabel = "OPERATION",
            description = "With --cleanup, only this operation's failures")
    String operation;

    @Option(
            names = {"-I", "--interval"},
            paramLabel = "INTERVAL",
            defaultValue = "0",
            description = "With --operation, its interval (seconds unless a unit is given)")
    String interval;

    @Option(
            names = {"-Q", "--quiet"},
            description = "Be less descriptive in output")
    boolean quiet;

    @Option(
            names = {"-r", "--resource"},
            paramLabel = "ID",
            description = "Resource ID")
    String resource;

    @Mixin
    CompatibilityOptions compatibility;

    private final CliContext ctx;

    CrmResourceCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() throws CliFailure {
        String command = command();
        boolean anyResource = command.equals("list") || command.equals("cleanup") || command.equals("why");
        if (!anyResource && (resource == null || resource.isBlank())) {
            throw CliFailure.usage("crm_resource: Must supply a resource id with -r");
        }
        CibSnapshot cib = CibSnapshot.read(ctx, TIMEOUT);
        return switch (command) {
            case "list" -> list(cib.status());
            case "locate" -> locate(cib.status());
            case "force-start" -> force(cib, new ForcedOperation(command, "start"));
            case "force-stop" -> force(cib, new ForcedOperation(command, "stop"));
            case "move" -> locations(cib, l -> l.move(resource, node, lifetime));
            case "ban" -> locations(cib, l -> l.ban(resource, node, lifetime));
            case "clear" -> locations(cib, l -> l.clear(resource, node));
            case "cleanup" -> cleanup(cib);
            case "restart" -> restart(cib);
            case "why" -> why(cib);
            default -> force(cib, new ForcedOperation(command, "monitor"));
        };
    }

    private String command() throws CliFailure {
        List<String> given = new ArrayList<>();
        if (list) {
            given.add("list");
        }
        if (locate) {
            given.add("locate");
        }
        if (forceStart) {
            given.add("force-start");
        }
        if (forceStop) {
            given.add("force-stop");
        }
        if (forceCheck) {
            given.add("force-check");
        }
        addIf(given, move, "move");
        addIf(given, ban, "ban");
        addIf(given, clear, "clear");
        addIf(given, cleanup, "cleanup");
        addIf(given, restart, "restart");
        addIf(given, why, "why");
        if (given.size() != 1) {
            throw CliFailure.usage("crm_resource: give one command: --list, --locate, --move, --ban, --clear,"
                    + " --cleanup, --restart, --why, --force-start, --force-stop or --force-check"
                    + (given.isEmpty() ? "" : " (not " + String.join(" and ", given) + ")"));
        }
        return given.get(0);
    }

    private static void addIf(List<String> given, boolean flag, String name) {
        if (flag) {
            given.add(name);
        }
    }

    /** One change to the location constraints; the CIB is read first so ids and nodes can be checked. */
    private interface LocationChange {
        void apply(ResourceLocations locations) throws CliFailure;
    }

    private int locations(CibSnapshot cib, LocationChange change) throws CliFailure {
        change.apply(new ResourceLocations(ctx, cib, quiet));
        ctx.out().flush();
        return 0;
    }

    private int cleanup(CibSnapshot cib) throws CliFailure {
        long intervalMs = CliIntervals.toMillis(interval, "crm_resource: --interval (-I)");
        if (operation == null && intervalMs != 0) {
            throw CliFailure.usage("crm_resource: --interval (-I) needs --operation (-n)");
        }
        List<String> lines =
                new ResourceCleanup(ctx, cib.document()).run(resource, node, operation, Long.toString(intervalMs));
        if (!quiet) {
            lines.forEach(ctx.out()::println);
        }
        ctx.out().flush();
        return 0;
    }

    private int restart(CibSnapshot cib) throws CliFailure {
        long ms = CliIntervals.toMillis(timeout, "crm_resource: --timeout (-T)");
        new ResourceRestart(ctx, resource, Duration.ofMillis(ms > 0 ? ms : DEFAULT_RESTART_MS)).run(cib);
        return 0;
    }

    private int why(CibSnapshot cib) throws CliFailure {
        ResourceWhy why = new ResourceWhy(cib.document(), cib.status(), Instant.now());
        why.lines(resource, node).forEach(ctx.out()::println);
        ctx.out().flush();
        return 0;
    }

    private int list(ClusterStatus status) throws CliFailure {
        if (status.resources().isEmpty()) {
            throw new CliFailure(NO_SUCH, "NO resources configured");
        }
        ctx.out().println("Full List of Resources:");
        new ResourceListText(status, true, false).lines().forEach(ctx.out()::println);
        ctx.out().flush();
        return 0;
    }

    private int locate(ClusterStatus status) throws CliFailure {
        if (status.resource(resource).isEmpty()) {
            throw notFound();
        }
        List<String> nodes = status.activeNodes(resource);
        if (nodes.isEmpty()) {
            ctx.err().println("resource " + resource + " is NOT running"); // Pacemaker says so on stderr, exit 0
        }
        nodes.forEach(node -> ctx.out().println("resource " + resource + " is running on: " + node));
        ctx.out().flush();
        return 0;
    }

    private int force(CibSnapshot cib, ForcedOperation operation) throws CliFailure {
        Optional<ResourceSpec> spec = ResourceSpecs.find(cib.xml(), resource);
        if (spec.isEmpty()) {
            Optional<ConfiguredResource> other = cib.status().resource(resource);
            if (other.isPresent()) {
                throw new CliFailure(
                        3,
                        "crm_resource: " + resource + " is a "
                                + other.get().kind().name().toLowerCase(java.util.Locale.ROOT)
                                + ": the --force-* commands run one primitive");
            }
            throw notFound();
        }
        return operation.run(spec.get(), ctx);
    }

    private CliFailure notFound() {
        return new CliFailure(NO_SUCH, "crm_resource: Resource '" + resource + "' not found");
    }
}
