package io.raftbeat.cli;

import io.raftbeat.proto.v1.CibOperation;
import io.raftbeat.proto.v1.CibRequest;
import io.raftbeat.proto.v1.CibResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Pacemaker's {@code cibadmin}: query and edit the CIB, on the cluster ({@code CIB_SERVER}) or offline on a file
 * ({@code CIB_file}). Options, output and exit codes follow Pacemaker 2.1, except that {@code -U} is Heartbeat 2's
 * {@code --update} (modify), so that the scripts of that era keep working; {@code --user} stays a long option.
 */
@Command(name = "cibadmin", sortOptions = false, description = "Query and edit the Cluster Information Base (CIB).")
final class CibadminCommand implements Callable<Integer> {
    static final String DANGEROUS = "The supplied command is considered dangerous.  To prevent accidental"
            + " destruction of the cluster, the --force flag is required in order to proceed.";
    private static final int UNSAFE = 107;
    private static final int DEFAULT_TIMEOUT_SECONDS = 30;

    @Option(
            names = {"-Q", "--query"},
            description = "Query the contents of the CIB")
    boolean query;

    @Option(
            names = {"-C", "--create"},
            description = "Create an object (fails if it exists)")
    boolean create;

    @Option(
            names = {"-M", "--modify", "-U", "--update"},
            description = "Update the object with the same id wherever it is (-U: Heartbeat 2's --update)")
    boolean modify;

    @Option(
            names = {"-R", "--replace"},
            description = "Recursively replace an object")
    boolean replace;

    @Option(
            names = {"-D", "--delete"},
            description = "Delete the first object matching all given attributes")
    boolean delete;

    @Option(
            names = {"-d", "--delete-all"},
            description = "Delete every object the --xpath matches")
    boolean deleteAll;

    @Option(
            names = {"-E", "--erase"},
            description = "Erase the contents of the whole CIB (needs --force)")
    boolean erase;

    @Option(
            names = {"-B", "--bump"},
            description = "Increase the CIB's epoch by 1")
    boolean bump;

    @Option(
            names = {"-o", "--scope"},
            paramLabel = "SECTION",
            description = "Limit the operation to a section")
    String scope;

    @Option(
            names = {"-A", "--xpath"},
            paramLabel = "XPATH",
            description = "An XPath instead of --scope")
    String xpath;

    @Option(
            names = {"-X", "--xml-text"},
            paramLabel = "XML",
            description = "XML from the given string")
    String xmlText;

    @Option(
            names = {"-x", "--xml-file"},
            paramLabel = "FILE",
            description = "XML from the named file")
    Path xmlFile;

    @Option(
            names = {"-p", "--xml-pipe"},
            description = "XML from standard input")
    boolean xmlPipe;

    @Option(
            names = {"-n", "--no-children"},
            description = "Query the object without its children")
    boolean noChildren;

    @Option(
            names = {"-l", "--local"},
            description = "Read this member's own state (no ReadIndex)")
    boolean local;

    @Option(
            names = {"-c", "--allow-create"},
            description = "Let --modify create the object if it is missing")
    boolean allowCreate;

    @Option(
            names = {"-f", "--force"},
            description = "Allow dangerous commands (--erase, --delete-all)")
    boolean force;

    @Option(
            names = {"-t", "--timeout"},
            paramLabel = "SECONDS",
            description = "Give up after this long")
    String timeout;

    @Option(
            names = {"-s", "--sync-call"},
            description = "Accepted for compatibility: calls are always synchronous")
    boolean syncCall;

    @Option(names = "--user", paramLabel = "USER", description = "Accepted for compatibility: no ACLs yet")
    String user;

    @Option(
            names = {"-V", "--verbose"},
            description = "Accepted for compatibility")
    boolean[] verbose;

    @Option(
            names = {"-?", "-h", "--help"},
            usageHelp = true,
            description = "Show this help")
    boolean help;

    private final CliContext ctx;

    CibadminCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() throws CliFailure {
        CibRequest request = request();
        Duration deadline = timeout();
        CibResponse response = CibAccess.run(ctx, request, deadline);
        if (request.getOperation() == CibOperation.CIB_QUERY) {
            String xml = response.getXml();
            ctx.out().print(xml.endsWith("\n") ? xml : xml + "\n");
            ctx.out().flush();
        }
        return 0;
    }

    /** Checks the combination of options and builds the request; a bad combination is a usage error (64). */
    CibRequest request() throws CliFailure {
        CibOperation operation = operation();
        String xml = xml();
        boolean takesXml =
                switch (operation) {
                    case CIB_CREATE, CIB_MODIFY, CIB_REPLACE, CIB_DELETE -> true;
                    default -> false;
                };
        if (xml != null && !takesXml) {
            throw CliFailure.usage("cibadmin: " + flag(operation) + " takes no XML (-X, -x or -p)");
        }
        if (xml == null && takesXml && !(operation == CibOperation.CIB_DELETE && xpath != null)) {
            throw CliFailure.usage("cibadmin: " + flag(operation) + " needs XML: give -X, -x or -p");
        }
        if (scope != null && xpath != null) {
            throw CliFailure.usage("cibadmin: give either --scope (-o) or --xpath (-A), not both");
        }
        if (operation == CibOperation.CIB_DELETE_ALL && xpath == null) {
            throw CliFailure.usage("cibadmin: --delete-all (-d) needs --xpath (-A)");
        }
        if (noChildren && operation != CibOperation.CIB_QUERY) {
            throw CliFailure.usage("cibadmin: --no-children (-n) applies only to --query (-Q)");
        }
        if (allowCreate && operation != CibOperation.CIB_MODIFY) {
            throw CliFailure.usage("cibadmin: --allow-create (-c) applies only to --modify (-M/-U)");
        }
        if ((operation == CibOperation.CIB_ERASE || operation == CibOperation.CIB_DELETE_ALL) && !force) {
            throw new CliFailure(UNSAFE, DANGEROUS);
        }
        CibRequest.Builder request = CibRequest.newBuilder()
                .setOperation(operation)
                .setAllowCreate(allowCreate)
                .setNoChildren(noChildren)
                .setForce(force)
                .setLocal(local);
        if (scope != null) {
            request.setScope(scope);
        }
        if (xpath != null) {
            request.setXpath(xpath);
        }
        if (xml != null) {
            request.setXml(xml);
        }
        if (operation != CibOperation.CIB_QUERY) {
            request.setRequestId(UUID.randomUUID().toString());
        }
        return request.build();
    }

    private CibOperation operation() throws CliFailure {
        List<CibOperation> given = new ArrayList<>();
        addIf(given, query, CibOperation.CIB_QUERY);
        addIf(given, create, CibOperation.CIB_CREATE);
        addIf(given, modify, CibOperation.CIB_MODIFY);
        addIf(given, replace, CibOperation.CIB_REPLACE);
        addIf(given, delete, CibOperation.CIB_DELETE);
        addIf(given, deleteAll, CibOperation.CIB_DELETE_ALL);
        addIf(given, erase, CibOperation.CIB_ERASE);
        addIf(given, bump, CibOperation.CIB_BUMP);
        if (given.isEmpty()) {
            throw CliFailure.usage("cibadmin: give a command: -Q, -C, -M/-U, -R, -D, -d, -E or -B (see --help)");
        }
        if (given.size() > 1) {
            throw CliFailure.usage(
                    "cibadmin: give only one command, not " + flag(given.get(0)) + " and " + flag(given.get(1)));
        }
        return given.get(0);
    }

    private static void addIf(List<CibOperation> given, boolean flag, CibOperation operation) {
        if (flag) {
            given.add(operation);
        }
    }

    private String xml() throws CliFailure {
        int sources = (xmlText != null ? 1 : 0) + (xmlFile != null ? 1 : 0) + (xmlPipe ? 1 : 0);
        if (sources > 1) {
            throw CliFailure.usage("cibadmin: give the XML one way only: -X, -x or -p");
        }
        if (xmlText != null) {
            return xmlText;
        }
        try {
            if (xmlFile != null) {
                return Files.readString(xmlFile, StandardCharsets.UTF_8);
            }
            if (xmlPipe) {
                return new String(ctx.in().readAllBytes(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            String from = xmlFile != null ? xmlFile.toString() : "standard input";
            throw new CliFailure(78, "Couldn't parse input from " + from + ": " + e.getMessage());
        }
        return null;
    }

    private Duration timeout() throws CliFailure {
        if (timeout == null) {
            return Duration.ofSeconds(DEFAULT_TIMEOUT_SECONDS);
        }
        try {
            int seconds = Integer.parseInt(timeout.trim());
            if (seconds > 0) {
                return Duration.ofSeconds(seconds);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw CliFailure.usage(
                "cibadmin: --timeout (-t) must be a whole number of seconds above 0, not '" + timeout + "'");
    }

    private static String flag(CibOperation operation) {
        return switch (operation) {
            case CIB_QUERY -> "--query (-Q)";
            case CIB_CREATE -> "--create (-C)";
            case CIB_MODIFY -> "--modify (-M/-U)";
            case CIB_REPLACE -> "--replace (-R)";
            case CIB_DELETE -> "--delete (-D)";
            case CIB_DELETE_ALL -> "--delete-all (-d)";
            case CIB_ERASE -> "--erase (-E)";
            case CIB_BUMP -> "--bump (-B)";
            default -> operation.name();
        };
    }
}
