package io.raftbeat.agent.state;

import io.grpc.Status;
import io.raftbeat.agent.lease.StoreMembers;
import io.raftbeat.agent.lease.StoreUnavailableException;
import io.raftbeat.proto.v1.CibOperation;
import io.raftbeat.proto.v1.CibRequest;
import io.raftbeat.proto.v1.CibServiceGrpc;
import java.time.Duration;

/** The parts of the CIB the agent reads at start-up, through any member (linearizable: ReadIndex). */
public final class StoreReads {
    private static final Duration ATTEMPT = Duration.ofSeconds(5);

    private final StoreMembers members;

    public StoreReads(StoreMembers members) {
        this.members = members;
    }

    /** The {@code resources} section, or an empty one when the CIB has none. */
    public String resources() throws StoreUnavailableException {
        return query(CibRequest.newBuilder().setScope("resources"), "<resources/>");
    }

    /** The node's {@code node_state} (its operation history), or an empty status when it has none yet. */
    public String nodeState(String node) throws StoreUnavailableException {
        return query(CibRequest.newBuilder().setXpath("/cib/status/node_state[@id='" + node + "']"), "<status/>");
    }

    private String query(CibRequest.Builder request, String whenMissing) throws StoreUnavailableException {
        CibRequest r = request.setOperation(CibOperation.CIB_QUERY).build();
        try {
            return members.call(
                    (channel, deadline) -> CibServiceGrpc.newBlockingStub(channel)
                            .withDeadline(deadline)
                            .query(r)
                            .getXml(),
                    ATTEMPT);
        } catch (StoreUnavailableException e) {
            if (e.refused() && e.last().code() == Status.Code.NOT_FOUND) {
                return whenMissing;
            }
            throw e;
        }
    }
}
