package io.raftbeat.server;

import io.grpc.stub.StreamObserver;
import io.raftbeat.cib.CibOperations;
import io.raftbeat.cib.CibOptions;
import io.raftbeat.proto.v1.CibOperation;
import io.raftbeat.proto.v1.CibRequest;
import io.raftbeat.proto.v1.CibResponse;
import io.raftbeat.proto.v1.CibServiceGrpc;
import io.raftbeat.raft.CibReader;
import io.raftbeat.raft.Commands;
import io.raftbeat.raft.RaftCibStore;

/**
 * CibService: queries run here (ReadIndex, or local with {@code local}); writes are proposed when this member leads
 * and forwarded to the leader otherwise. Translation only: the CIB semantics live in {@link CibOperations}.
 */
final class CibGrpcService extends CibServiceGrpc.CibServiceImplBase {
    private final RaftCibStore raft;
    private final LeaderLocator leaders;
    private final Commands commands;
    private final CibOptions options;
    private final LeaderWrites writes;

    CibGrpcService(RaftCibStore raft, LeaderLocator leaders, Commands commands, CibOptions options) {
        this.raft = raft;
        this.leaders = leaders;
        this.commands = commands;
        this.options = options;
        this.writes = new LeaderWrites(raft, leaders);
    }

    @Override
    public void query(CibRequest request, StreamObserver<CibResponse> out) {
        CibOperation op = request.getOperation();
        if (op != CibOperation.CIB_QUERY && op != CibOperation.CIB_OPERATION_UNSPECIFIED) {
            out.onError(GrpcErrors.usage("Query runs only the query operation, not " + op + " (use Apply)"));
            return;
        }
        CibReader<CibResponse> reader = (cib, revision) -> CibResponse.newBuilder()
                .setXml(CibOperations.query(cib, request, options))
                .setRevision(revision)
                .setVersion(cib.version())
                .build();
        writes.reply(request.getLocal() ? raft.readLocal(reader) : raft.readLinearizable(reader), out);
    }

    @Override
    public void apply(CibRequest request, StreamObserver<CibResponse> out) {
        CibOperation op = request.getOperation();
        if (op == CibOperation.CIB_QUERY || op == CibOperation.CIB_OPERATION_UNSPECIFIED) {
            out.onError(GrpcErrors.usage("Apply needs a write operation, got " + op + " (use Query to read)"));
            return;
        }
        writes.proposeOrForward(
                () -> commands.cib(request, CallOrigin.client()),
                r -> r,
                leader ->
                        leaders.forwardTo(leader, CibServiceGrpc::newFutureStub).apply(request),
                out);
    }
}
