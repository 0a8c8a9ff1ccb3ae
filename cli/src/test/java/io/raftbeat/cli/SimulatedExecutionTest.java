package io.raftbeat.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.raftbeat.scheduler.Action;
import io.raftbeat.scheduler.Transition;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SimulatedExecutionTest {
    private static Action start(String rsc) {
        return new Action(rsc, "node1", "start", 0, "");
    }

    @Test
    void eachPassFiresWhatIsReadyInListOrderIncludingWhatEarlierActionsOfThePassReleased() {
        // 0 waits for 2, 1 for 0, 3 for 1: pass one fires only 2 (0 was passed over before 2 ran); pass two
        // fires 0, then 1 and 3, each released earlier in the same pass.
        Transition t = new Transition(
                List.of(start("a"), start("b"), start("c"), start("d")),
                List.of(List.of(2), List.of(0), List.of(), List.of(1)),
                List.of(),
                Optional.empty());
        assertEquals(List.of(2, 0, 1, 3), SimulatedExecution.order(t));
    }

    @Test
    void independentActionsKeepTheTransitionsOrder() {
        Transition t = new Transition(
                List.of(start("a"), start("b")), List.of(List.of(), List.of()), List.of(), Optional.empty());
        assertEquals(List.of(0, 1), SimulatedExecution.order(t));
    }
}
