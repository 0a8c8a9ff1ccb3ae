package io.raftbeat.agent.reconcile;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.raftbeat.proto.v1.Action;
import io.raftbeat.proto.v1.OpResult;
import io.raftbeat.proto.v1.ResourceSpec;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class MonitorsInForceTest {
    private static Action done(long transition, int index, String rsc, String op, long interval, int rc) {
        return pending(transition, index, rsc, op, interval).toBuilder()
                .setResult(OpResult.newBuilder().setRcCode(rc))
                .build();
    }

    private static Action pending(long transition, int index, String rsc, String op, long interval) {
        return Action.newBuilder()
                .setId(transition + ":" + index)
                .setNode("node1")
                .setTransitionId(transition)
                .setResource(ResourceSpec.newBuilder().setId(rsc))
                .setOperation(op)
                .setIntervalMs(interval)
                .build();
    }

    private static List<String> ids(List<Action> actions) {
        return actions.stream().map(Action::getId).toList();
    }

    @Test
    void aMonitorThatMetItsTargetIsInForce() {
        assertEquals(
                List.of("1:2"),
                ids(MonitorsInForce.of(
                        List.of(done(1, 1, "d1", "start", 0, 0), done(1, 2, "d1", "monitor", 1000, 0)))));
    }

    @Test
    void aLaterStopOfTheResourceEndsItsMonitorsWhateverTheListOrder() {
        List<Action> actions = List.of(
                done(2, 1, "d1", "stop", 0, 0),
                done(1, 2, "d1", "monitor", 1000, 0),
                done(1, 3, "d2", "monitor", 500, 0));
        assertEquals(List.of("1:3"), ids(MonitorsInForce.of(actions)));
    }

    @Test
    void aCancelEndsOnlyItsOwnInterval() {
        List<Action> actions = List.of(
                done(1, 1, "d1", "monitor", 1000, 0),
                done(1, 2, "d1", "monitor", 5000, 0),
                done(2, 1, "d1", "cancel", 1000, 0));
        assertEquals(List.of("1:2"), ids(MonitorsInForce.of(actions)));
    }

    @Test
    void aFailedOrPendingMonitorAndAProbeAreNotResumed() {
        List<Action> actions = List.of(
                done(1, 1, "d1", "monitor", 1000, 1),
                pending(1, 2, "d2", "monitor", 1000),
                done(1, 3, "d3", "monitor", 0, 0),
                done(1, 10, "d4", "monitor", 1000, 0),
                done(1, 9, "d4", "monitor", 1000, 7));
        assertEquals(List.of("1:10"), ids(MonitorsInForce.of(actions)));
    }
}
