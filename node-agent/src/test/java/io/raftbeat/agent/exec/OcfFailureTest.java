package io.raftbeat.agent.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Pacemaker Explained's "How are OCF return codes interpreted" table. */
@Timeout(10)
class OcfFailureTest {
    @Test
    void theExpectedCodeIsSuccessWhateverItIs() {
        assertEquals(OcfFailure.SUCCESS, OcfFailure.of(0, 0));
        assertEquals(OcfFailure.SUCCESS, OcfFailure.of(7, 7));
        assertEquals(OcfFailure.SUCCESS, OcfFailure.of(8, 8));
    }

    @Test
    void degradedCodesCountAsTheirHealthyCounterparts() {
        assertEquals(OcfFailure.SUCCESS, OcfFailure.of(190, 0));
        assertEquals(OcfFailure.SUCCESS, OcfFailure.of(191, 8));
        assertEquals(OcfFailure.SOFT, OcfFailure.of(190, 7));
    }

    @Test
    void unexpectedCodesAreSoftHardOrFatalAsTheTableSays() {
        int[] soft = {0, 1, 7, 8, 9, 42};
        int[] hard = {2, 3, 4, 5};
        for (int rc : soft) {
            assertEquals(OcfFailure.SOFT, OcfFailure.of(rc, rc == 0 ? 7 : 0), "rc " + rc);
        }
        for (int rc : hard) {
            assertEquals(OcfFailure.HARD, OcfFailure.of(rc, 0), "rc " + rc);
        }
        assertEquals(OcfFailure.FATAL, OcfFailure.of(6, 0));
    }

    @Test
    void anExecutionStatusOtherThanDoneDecidesFirst() {
        assertEquals(OcfFailure.HARD, OcfFailure.of(AgentResults.notInstalled("x"), 7));
        assertEquals(OcfFailure.HARD, OcfFailure.of(AgentResults.invalid("x"), 0));
        assertEquals(OcfFailure.SUCCESS, OcfFailure.of(AgentResults.decided(0, ""), 0));
        assertEquals(OcfFailure.SOFT, OcfFailure.of(new AgentResult(0, ExecStatus.TIMEOUT, "", "", 1, ""), 0));
    }
}
