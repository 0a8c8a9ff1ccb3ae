package io.raftbeat.cli;

import io.raftbeat.proto.v1.FenceAttempt;
import io.raftbeat.proto.v1.FenceOperation;
import io.raftbeat.proto.v1.FenceState;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.w3c.dom.Document;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Pacemaker's {@code stonith_admin}: asks the cluster's fencer (the leader, through {@code FencingService}) to
 * reboot, fence (off) or unfence (on) a node and waits for the operation's end; records a person's confirmation that
 * a node is down; shows the fence history; lists the fence devices configured in the CIB. Exit codes as Pacemaker
 * 2.1.5's (pcmk_rc2exitc of the fencer's result): 0 done, 1 fencing failed, 124 timed out, 105 no such node, 102 no
 * fencer (also with CIB_file: fencing needs the cluster), 64 usage.
 */
@Command(name = "stonith_admin", sortOptions = false, description = "Access the Pacemaker fencing API")
final class StonithAdminCommand implements Callable<Integer> {
    private static final String PROGRAM = "stonith_admin";
    static final int FENCING_FAILED = 1; // CRM_EX_ERROR
    static final int NO_SUCH_NODE = 105; // CRM_EX_NOSUCH (pcmk_rc_node_unknown)
    private static final int DEVICE_TIMED_OUT = 2; // PCMK_EXEC_TIMEOUT

    @Option(
            names = {"-B", "--reboot"},
            paramLabel = "HOST",
            description = "Reboot named host")
    String reboot;

    @Option(
            names = {"-F", "--fence"},
            paramLabel = "HOST",
            description = "Fence named host")
    String fence;

    @Option(
            names = {"-U", "--unfence"},
            paramLabel = "HOST",
            description = "Unfence named host")
    String unfence;

    @Option(
            names = {"-C", "--confirm"},
            paramLabel = "HOST",
            description = "Tell cluster that named host is now safely down")
    String confirm;

    @Option(
            names = {"-L", "--list-registered"},
            description = "List all registered devices")
    boolean listRegistered;

    @Option(
            names = {"-l", "--list"},
            paramLabel = "HOST",
            description = "List devices that can terminate the specified host")
    String list;

    @Option(
            names = {"-H", "--history"},
            paramLabel = "NODE",
            description = "Show last successful fencing operation for named node (or '*' for all nodes)")
    String history;

    @Option(
            names = {"-t", "--timeout"},
            paramLabel = "SECONDS",
            defaultValue = "120",
            description = "Operation timeout in seconds (default ${DEFAULT-VALUE})")
    int timeoutSeconds;

    @Option(
            names = {"-q", "--quiet"},
            description = "Be less descriptive in output")
    boolean quiet;

    @Mixin
    CompatibilityOptions compatibility;

    private final CliContext ctx;

    StonithAdminCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() throws CliFailure {
        List<String> commands = commands();
        if (commands.size() != 1) {
            throw CliFailure.usage(PROGRAM
                    + ": name one command: --reboot, --fence, --unfence, --confirm, --list-registered, --list"
                    + " or --history" + (commands.isEmpty() ? "" : " (not " + String.join(" and ", commands) + ")"));
        }
        if (timeoutSeconds <= 0) {
            throw CliFailure.usage(PROGRAM + ": --timeout (-t) must be above 0 seconds, not " + timeoutSeconds);
        }
        Duration timeout = Duration.ofSeconds(timeoutSeconds);
        if (listRegistered || list != null) {
            return listDevices(CibSnapshot.read(ctx, timeout).document());
        }
        if (ctx.cibFile() != null) {
            throw new CliFailure(
                    CliFailure.DISCONNECT,
                    PROGRAM + ": Could not connect to fencer: CIB_file is set, and fencing needs the cluster"
                            + " (unset CIB_file, set CIB_SERVER)");
        }
        if (history != null) {
            return showHistory(timeout);
        }
        String target = reboot != null ? reboot : fence != null ? fence : unfence != null ? unfence : confirm;
        if (!FenceDevices.nodeConfigured(CibSnapshot.read(ctx, timeout).document(), target)) {
            throw new CliFailure(
                    NO_SUCH_NODE, PROGRAM + ": node '" + target + "' is not in the cluster's configuration (nodes)");
        }
        try (RemoteFencing fencer = fencer(timeout)) {
            if (confirm != null) {
                FenceOperation op = fencer.confirm(target, requester());
                return ended(op, "confirmation that " + target + " is down");
            }
            String action = reboot != null ? "reboot" : fence != null ? "off" : "on";
            FenceOperation started = fencer.fence(target, action, requester());
            return ended(fencer.awaitEnd(started, timeout), action + " of " + target);
        }
    }

    private List<String> commands() {
        List<String> named = new ArrayList<>();
        addIf(named, reboot != null, "--reboot");
        addIf(named, fence != null, "--fence");
        addIf(named, unfence != null, "--unfence");
        addIf(named, confirm != null, "--confirm");
        addIf(named, listRegistered, "--list-registered");
        addIf(named, list != null, "--list");
        addIf(named, history != null, "--history");
        return named;
    }

    private static void addIf(List<String> named, boolean given, String flag) {
        if (given) {
            named.add(flag);
        }
    }

    /** -L every configured device, -l those that can fence the host: one id a line, then Pacemaker's count line. */
    private int listDevices(Document cib) {
        FenceDevices devices = FenceDevices.of(cib);
        List<FenceDevices.Device> shown = list != null ? devices.thatCanFence(list) : devices.all();
        shown.forEach(d -> ctx.out().println(d.id()));
        ctx.out().println(shown.size() + (shown.size() == 1 ? " fence device found" : " fence devices found"));
        return 0;
    }

    /** Pacemaker's pcmk__fence_history: the last success, or with -V every operation; -q only the epoch time. */
    private int showHistory(Duration timeout) throws CliFailure {
        List<FenceOperation> ops;
        try (RemoteFencing fencer = fencer(timeout)) {
            ops = FenceHistoryText.sorted(fencer.history(history));
        }
        FenceHistoryText text = new FenceHistoryText(ZoneId.systemDefault());
        FenceOperation latest = ops.stream()
                .filter(op -> op.getState() == FenceState.FENCE_DONE)
                .findFirst()
                .orElse(null);
        if (quiet) {
            if (latest != null) {
                ctx.out().println(latest.getCompletedMs() / 1000);
            }
            return 0;
        }
        boolean verbose = compatibility.verbose != null && compatibility.verbose.length > 0;
        List<FenceOperation> shown = verbose ? ops : latest != null ? List.of(latest) : List.of();
        for (FenceOperation op : shown) {
            ctx.out()
                    .println(text.describe(
                            op, verbose, verbose ? FenceHistoryText.laterSucceeded(op, ops) : null, true));
        }
        ctx.out().println(shown.size() + (shown.size() == 1 ? " event found" : " events found"));
        return 0;
    }

    /** The exit code for an operation as it ended or as last seen when the wait ran out. */
    private int ended(FenceOperation op, String what) throws CliFailure {
        switch (op.getState()) {
            case FENCE_DONE:
                return 0;
            case FENCE_FAILED:
                List<FenceAttempt> attempts = op.getAttemptsList();
                boolean timedOut =
                        !attempts.isEmpty() && attempts.get(attempts.size() - 1).getOpStatus() == DEVICE_TIMED_OUT;
                throw new CliFailure(
                        timedOut ? CliFailure.TIMEOUT : FENCING_FAILED,
                        PROGRAM + ": " + what + " failed" + (op.getDetail().isEmpty() ? "" : ": " + op.getDetail()));
            default:
                throw new CliFailure(
                        CliFailure.TIMEOUT,
                        PROGRAM + ": " + what + " still pending after " + timeoutSeconds + "s (operation " + op.getId()
                                + (op.getDetail().isEmpty() ? "" : ": " + op.getDetail()) + ")");
        }
    }

    private RemoteFencing fencer(Duration timeout) throws CliFailure {
        return new RemoteFencing(ServerList.parse(ctx.servers()), timeout, PROGRAM + ": ");
    }

    /** Who asks, as "client on node", Pacemaker's client and origin. */
    private static String requester() {
        return PROGRAM + "." + ProcessHandle.current().pid() + " on " + NodeIds.localName();
    }
}
