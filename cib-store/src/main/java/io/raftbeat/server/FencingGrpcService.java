package io.raftbeat.server;

import io.grpc.stub.StreamObserver;
import io.raftbeat.cib.Cib;
import io.raftbeat.cib.CibError;
import io.raftbeat.cib.CibException;
import io.raftbeat.leader.Fencer;
import io.raftbeat.proto.v1.ConfirmFencedRequest;
import io.raftbeat.proto.v1.FenceHistoryRequest;
import io.raftbeat.proto.v1.FenceHistoryResponse;
import io.raftbeat.proto.v1.FenceOperation;
import io.raftbeat.proto.v1.FenceReply;
import io.raftbeat.proto.v1.FenceRequest;
import io.raftbeat.proto.v1.FencingServiceGrpc;
import io.raftbeat.raft.AgentRequests;
import io.raftbeat.raft.CibReader;
import io.raftbeat.raft.RaftCibStore;
import io.raftbeat.status.Xml;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.w3c.dom.Element;

/**
 * FencingService: requests and confirmations go to the leader's {@link Fencer} (forwarded from other members), for
 * nodes the CIB knows; the history is read through ReadIndex (or locally). Translation only: the fencing rules live
 * in the fencer and the state machine.
 */
final class FencingGrpcService extends FencingServiceGrpc.FencingServiceImplBase {
    private static final Set<String> ACTIONS = Set.of("reboot", "off", "on");

    private final RaftCibStore raft;
    private final LeaderLocator leaders;
    private final Fencer fencer;
    private final LeaderWrites writes;

    FencingGrpcService(RaftCibStore raft, LeaderLocator leaders, Fencer fencer) {
        this.raft = raft;
        this.leaders = leaders;
        this.fencer = fencer;
        this.writes = new LeaderWrites(raft, leaders);
    }

    @Override
    public void fence(FenceRequest request, StreamObserver<FenceReply> out) {
        String action = request.getAction().isEmpty() ? "reboot" : request.getAction();
        if (!RequestChecks.valid(() -> check(request.getTarget(), action), out)) {
            return;
        }
        String origin = CallOrigin.client();
        writes.onLeaderOrForward(
                () -> known(
                        request.getTarget(),
                        () -> fencer.request(
                                request.getTarget(),
                                action,
                                request.getReason(),
                                origin.isEmpty() ? "a client" : origin,
                                0)),
                leader -> leaders.forwardTo(leader, FencingServiceGrpc::newFutureStub)
                        .fence(request),
                out);
    }

    @Override
    public void confirm(ConfirmFencedRequest request, StreamObserver<FenceReply> out) {
        if (!RequestChecks.valid(() -> check(request.getTarget(), "reboot"), out)) {
            return;
        }
        String origin = CallOrigin.client();
        writes.onLeaderOrForward(
                () -> known(
                        request.getTarget(),
                        () -> fencer.confirm(request.getTarget(), origin.isEmpty() ? "a client" : origin)),
                leader -> leaders.forwardTo(leader, FencingServiceGrpc::newFutureStub)
                        .confirm(request),
                out);
    }

    @Override
    public void history(FenceHistoryRequest request, StreamObserver<FenceHistoryResponse> out) {
        String target = request.getTarget().equals("*") ? "" : request.getTarget();
        if (!target.isEmpty() && !RequestChecks.valid(() -> AgentRequests.requireNode(target), out)) {
            return;
        }
        CibReader<FenceHistoryResponse> reader = (cib, revision) -> FenceHistoryResponse.newBuilder()
                .addAllOperations(raft.stateMachine().fencing().list(target))
                .setRevision(revision)
                .build();
        writes.reply(request.getLocal() ? raft.readLocal(reader) : raft.readLinearizable(reader), out);
    }

    /** Who asks, as the client says ("stonith_admin.1234 on host1"), else the address the call came from. */
    private static String origin(String client) {
        if (!client.isBlank()) {
            return client.strip();
        }
        String address = CallOrigin.client();
        return "a client on " + (address.isEmpty() ? "an unknown address" : address);
    }

    private static void check(String target, String action) throws CibException {
        AgentRequests.requireNode(target);
        if (!ACTIONS.contains(action)) {
            throw new CibException(CibError.USAGE, "unknown fence action '" + action + "' (known: reboot, off, on)");
        }
    }

    /** The fencer's answer for a node the CIB knows; NOSUCH (105) for any other. */
    private CompletableFuture<FenceReply> known(
            String target, java.util.function.Supplier<CompletableFuture<FenceOperation>> fence) {
        Function<FenceOperation, FenceReply> reply = op -> FenceReply.newBuilder()
                .setOperation(op)
                .setRevision(raft.stateMachine().revision())
                .build();
        return raft.readLocal((cib, revision) -> knows(cib, target))
                .thenCompose(knows -> knows
                        ? fence.get().thenApply(reply)
                        : CompletableFuture.failedFuture(
                                new CibException(CibError.NOSUCH, "no such node: " + target + " is not in the CIB")));
    }

    private static boolean knows(Cib cib, String node) {
        Element root = cib.document().getDocumentElement();
        for (Element n : Xml.children(Xml.path(root, "configuration", "nodes"), "node")) {
            if (node.equals(n.getAttribute("uname")) || node.equals(n.getAttribute("id"))) {
                return true;
            }
        }
        for (Element s : Xml.children(Xml.child(root, "status"), "node_state")) {
            if (node.equals(s.getAttribute("uname")) || node.equals(s.getAttribute("id"))) {
                return true;
            }
        }
        return false;
    }
}
