package io.raftbeat.agent.reconcile;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.raftbeat.proto.v1.Action;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class ActionLedgerTest {
    @Test
    void anActionIsTakenOnceHoweverOftenItIsShown() {
        ActionLedger ledger = new ActionLedger();
        Action a = Action.newBuilder()
                .setId("7:0")
                .setTransitionId(7)
                .setOperation("start")
                .build();
        assertTrue(ledger.claim(a));
        assertFalse(ledger.claim(a));
        assertFalse(ledger.claim(a.toBuilder().setInputRevision(99).build()), "same id and transition");
        assertTrue(ledger.seen(a));
    }

    @Test
    void anotherTransitionReusingTheIndexIsANewAction() {
        ActionLedger ledger = new ActionLedger();
        Action a = Action.newBuilder().setId("0").setTransitionId(7).build();
        assertTrue(ledger.claim(a));
        assertTrue(ledger.claim(a.toBuilder().setTransitionId(8).build()));
    }
}
