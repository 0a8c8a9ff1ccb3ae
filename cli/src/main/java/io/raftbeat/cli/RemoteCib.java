package io.raftbeat.cli;

import io.raftbeat.proto.v1.CibOperation;
import io.raftbeat.proto.v1.CibRequest;
import io.raftbeat.proto.v1.CibResponse;
import io.raftbeat.proto.v1.CibServiceGrpc;
import java.time.Duration;
import java.util.List;

/** The CIB of a running cluster, reached over gRPC ({@code CibService}) through any member. */
final class RemoteCib implements AutoCloseable {
    private final ClusterConnection connection;

    RemoteCib(List<String> servers, Duration timeout) {
        this.connection = new ClusterConnection(servers, timeout, "Call failed: ");
    }

    /** Runs a query or a write; a refusal carries the member's exit code, as Pacemaker's cibadmin would exit. */
    CibResponse run(CibRequest request) throws CliFailure {
        return connection.call((channel, deadline) -> {
            CibServiceGrpc.CibServiceBlockingStub stub =
                    CibServiceGrpc.newBlockingStub(channel).withDeadline(deadline);
            return request.getOperation() == CibOperation.CIB_QUERY ? stub.query(request) : stub.apply(request);
        });
    }

    @Override
    public void close() {
        connection.close();
    }
}
