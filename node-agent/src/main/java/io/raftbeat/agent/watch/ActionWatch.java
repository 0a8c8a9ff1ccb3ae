package io.raftbeat.agent.watch;

import io.grpc.Context;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.raftbeat.agent.lease.Backoff;
import io.raftbeat.agent.lease.StoreMembers;
import io.raftbeat.agent.lease.StoreUnavailableException;
import io.raftbeat.proto.v1.Action;
import io.raftbeat.proto.v1.AgentServiceGrpc;
import io.raftbeat.proto.v1.ChangeType;
import io.raftbeat.proto.v1.ListActionsRequest;
import io.raftbeat.proto.v1.ListActionsResponse;
import io.raftbeat.proto.v1.WatchRequest;
import io.raftbeat.proto.v1.WatchResponse;
import io.raftbeat.proto.v1.WatchServiceGrpc;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's actions as Kubernetes informers see objects: list them (ListActions), hand the listing over, then
 * watch section "actions" for the node from the list's revision and hand over every action put after it. A broken
 * stream is resumed from the last revision seen, on the next member, with backoff; a revision no longer retained
 * (FAILED_PRECONDITION) means list again. The sink sees an action as often as the store shows it and must be
 * idempotent. Runs on a thread of its own.
 */
public final class ActionWatch implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ActionWatch.class);
    private static final Duration LIST_ATTEMPT = Duration.ofSeconds(5);

    private final StoreMembers members;
    private final String node;
    private final Consumer<List<Action>> lists;
    private final Consumer<Action> sink;
    private final Thread thread;
    private volatile boolean closed;
    private volatile Context.CancellableContext stream;
    private volatile long revision;
    private int memberIndex;

    /** {@code lists} takes each whole listing, {@code sink} each action streamed after it. */
    public ActionWatch(StoreMembers members, String node, Consumer<List<Action>> lists, Consumer<Action> sink) {
        this.members = members;
        this.node = node;
        this.lists = lists;
        this.sink = sink;
        this.thread = new Thread(this::run, "action-watch");
        thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    /** The last revision this watch has seen (listed or streamed). */
    public long revision() {
        return revision;
    }

    private void run() {
        Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(5));
        boolean listed = false;
        while (!closed) {
            try {
                if (!listed) {
                    list();
                    listed = true;
                }
                watch(backoff);
            } catch (StoreUnavailableException e) {
                LOG.warn("cannot list actions yet: {}", e.getMessage());
            } catch (StatusRuntimeException e) {
                if (closed) {
                    return;
                }
                if (e.getStatus().getCode() == Status.Code.FAILED_PRECONDITION) {
                    LOG.warn("watch from revision {} refused ({}): listing again", revision, describe(e));
                    listed = false;
                } else {
                    LOG.warn("action watch broke at revision {} ({}): resuming", revision, describe(e));
                    memberIndex++;
                }
            }
            if (!closed && !backoff.pause()) {
                return;
            }
        }
    }

    private void list() throws StoreUnavailableException {
        ListActionsRequest request =
                ListActionsRequest.newBuilder().setNode(node).build();
        ListActionsResponse listed = members.call(
                (channel, deadline) -> AgentServiceGrpc.newBlockingStub(channel)
                        .withDeadline(deadline)
                        .listActions(request),
                LIST_ATTEMPT);
        LOG.info("listed {} action(s) at revision {}", listed.getActionsCount(), listed.getRevision());
        lists.accept(listed.getActionsList());
        revision = listed.getRevision();
    }

    /** Streams from {@link #revision} until the stream breaks (thrown) or the watch is closed. */
    private void watch(Backoff backoff) {
        List<String> servers = members.servers();
        String member = servers.get(Math.floorMod(memberIndex, servers.size()));
        WatchRequest request = WatchRequest.newBuilder()
                .setFromRevision(revision)
                .addSections("actions")
                .setNode(node)
                .build();
        Context.CancellableContext ctx = Context.current().withCancellation();
        stream = ctx;
        if (closed) {
            ctx.cancel(null);
            return;
        }
        Context previous = ctx.attach();
        try {
            Iterator<WatchResponse> responses =
                    WatchServiceGrpc.newBlockingStub(members.channel(member)).watch(request);
            while (responses.hasNext()) {
                backoff.reset();
                for (var event : responses.next().getEventsList()) {
                    for (var change : event.getChangesList()) {
                        if (change.getType() == ChangeType.CHANGE_PUT && change.hasAction()) {
                            sink.accept(change.getAction());
                        }
                    }
                    revision = Math.max(revision, event.getRevision());
                }
            }
            throw Status.UNAVAILABLE
                    .withDescription(member + " ended the stream")
                    .asRuntimeException();
        } finally {
            ctx.detach(previous);
            ctx.cancel(null);
        }
    }

    private static String describe(StatusRuntimeException e) {
        return e.getStatus().getCode()
                + (e.getStatus().getDescription() == null
                        ? ""
                        : ": " + e.getStatus().getDescription());
    }

    @Override
    public void close() {
        closed = true;
        Context.CancellableContext ctx = stream;
        if (ctx != null) {
            ctx.cancel(null);
        }
        thread.interrupt();
    }
}
