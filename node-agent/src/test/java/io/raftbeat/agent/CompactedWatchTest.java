package io.raftbeat.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.raftbeat.proto.v1.AgentServiceGrpc;
import io.raftbeat.proto.v1.ListEventsRequest;
import io.raftbeat.proto.v1.ResourceSpec;
import io.raftbeat.proto.v1.WatchServiceGrpc;
import io.raftbeat.server.StoreOptions;
import io.raftbeat.storage.EventRetention;
import io.raftbeat.testing.MiniCibCluster;
import io.raftbeat.testing.Requests;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(180)
class CompactedWatchTest extends AgentClusterTest {
    private static final int RETAINED = 5;

    @Override
    protected StoreOptions storeOptions(StoreOptions defaults) {
        return defaults.withRetention(new EventRetention(RETAINED, Duration.ofDays(7)));
    }

    @Test
    void aWatchThatFellBehindTheRetainedEventsListsAgainAndRunsEachActionOnce() throws Exception {
        NetworkCut network = new NetworkCut();
        startAgent("node1", List.of(network));
        ResourceSpec a = ocf("a", "Dummy", Map.of());
        ResourceSpec b = ocf("b", "Dummy", Map.of());
        put(action("node1", 1, 0, a, "start", 0, 0));
        awaitOp("node1", "a_last_0", Map.of("operation", "start", "rc-code", "0"));

        // The watch stream breaks and cannot come back while the store writes more than it retains.
        network.cut(WatchServiceGrpc.SERVICE_NAME);
        long cutAt = revision();
        put(action("node1", 2, 0, b, "start", 0, 0));
        for (int i = 0; i < RETAINED + 2; i++) {
            cluster.cib(leaderId()).apply(Requests.createPrimitive("filler" + i));
        }
        long oldest = cluster.events(leaderId())
                .listEvents(ListEventsRequest.getDefaultInstance())
                .getOldestRevision();
        assertTrue(oldest > cutAt + 1, "revision " + cutAt + " still retained (oldest " + oldest + ")");
        network.heal();

        awaitOp("node1", "b_last_0", Map.of("operation", "start", "rc-code", "0"));
        MiniCibCluster.await("2:0's result", () -> listed("node1", "2:0").hasResult());
        // The watch runs again after the new list: a later action is seen too.
        put(action("node1", 3, 0, b, "stop", 0, 0));
        awaitOp("node1", "b_last_0", Map.of("operation", "stop", "rc-code", "0"));
        MiniCibCluster.await("3:0's result", () -> listed("node1", "3:0").hasResult());

        assertTrue(network.passed(AgentServiceGrpc.getListActionsMethod().getFullMethodName()) >= 2, "listed again");
        assertEquals(1, runs("a", "start", 0));
        assertEquals(1, runs("b", "start", 0));
        assertEquals(1, runs("b", "stop", 0));
    }
}
