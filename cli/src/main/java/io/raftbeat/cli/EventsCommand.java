package io.raftbeat.cli;

import io.raftbeat.proto.v1.Event;
import io.raftbeat.proto.v1.EventServiceGrpc;
import io.raftbeat.proto.v1.ListEventsRequest;
import io.raftbeat.proto.v1.ListEventsResponse;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code raftbeat events [--since R] [--follow] [--limit N]}: lists the event log after revision R, one line per
 * event; with {@code --follow} keeps watching from the last revision printed, moving to another member when the one
 * it watches goes away, so that every revision is printed once and in order.
 */
@Command(name = "events", description = "List (and follow) the event log.")
final class EventsCommand implements Callable<Integer> {
    @Mixin
    ConnectionOptions connection;

    @Option(names = "--since", paramLabel = "R", defaultValue = "0", description = "Only events after revision R")
    long since;

    @Option(
            names = {"-f", "--follow"},
            description = "Keep printing new events as they are committed")
    boolean follow;

    @Option(names = "--limit", paramLabel = "N", description = "Stop after N events")
    Integer limit;

    private final CliContext ctx;

    EventsCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() throws CliFailure {
        if (since < 0) {
            throw CliFailure.usage("raftbeat events: --since must be a revision (0 or more), not " + since);
        }
        if (limit != null && limit <= 0) {
            throw CliFailure.usage("raftbeat events: --limit must be above 0, not " + limit);
        }
        EventPrinter printer = new EventPrinter(ctx.out(), since, limit);
        try (ClusterConnection cluster = connection.connect(ctx)) {
            list(cluster, printer);
            if (follow && !printer.done()) {
                new EventFollower(cluster, printer, connection.timeoutSeconds).follow();
            }
        }
        return 0;
    }

    /** Lists page by page until the member has nothing after the cursor. */
    private static void list(ClusterConnection cluster, EventPrinter printer) throws CliFailure {
        while (!printer.done()) {
            ListEventsRequest request = ListEventsRequest.newBuilder()
                    .setSinceRevision(printer.cursor())
                    .setLimit(printer.remaining())
                    .build();
            ListEventsResponse page = cluster.call((channel, deadline) -> EventServiceGrpc.newBlockingStub(channel)
                    .withDeadline(deadline)
                    .listEvents(request));
            long before = printer.cursor();
            for (Event event : page.getEventsList()) {
                if (!printer.print(event)) {
                    return;
                }
            }
            if (page.getEventsList().isEmpty() || printer.cursor() == before) {
                // Nothing lies between the cursor and the member's applied revision.
                printer.skipTo(page.getRevision());
                return;
            }
        }
    }
}
