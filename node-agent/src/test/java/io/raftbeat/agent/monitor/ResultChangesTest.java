package io.raftbeat.agent.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class ResultChangesTest {
    private final MonitorKey key = new MonitorKey("web", 1000);

    @Test
    void reportsTheFirstResultThenOnlyChanges() {
        ResultChanges changes = new ResultChanges();
        assertTrue(changes.changed(key, 0, 0));
        assertFalse(changes.changed(key, 0, 0));
        assertFalse(changes.changed(key, 0, 0));
        assertTrue(changes.changed(key, 7, 0));
        assertFalse(changes.changed(key, 7, 0));
        assertTrue(changes.changed(key, 7, 2), "same rc, other op-status (a timeout) is a change");
        assertEquals(7, changes.lastRc(key, -1));
    }

    @Test
    void monitorsOfOtherIntervalsAreApartAndForgettingStartsAgain() {
        ResultChanges changes = new ResultChanges();
        changes.changed(key, 0, 0);
        assertTrue(changes.changed(new MonitorKey("web", 5000), 0, 0));
        changes.forget(key);
        assertEquals(-1, changes.lastRc(key, -1));
        assertTrue(changes.changed(key, 0, 0));
    }

    @Test
    void aComplianceWarningIsLoggedOncePerResource() {
        ComplianceWarnings warnings = new ComplianceWarnings();
        assertTrue(warnings.note("web", "status printed nothing"));
        assertFalse(warnings.note("web", "status printed nothing"));
        assertFalse(warnings.note("db", ""));
        assertTrue(warnings.note("db", "status printed nothing"));
        assertEquals(2, warnings.logged());
    }
}
