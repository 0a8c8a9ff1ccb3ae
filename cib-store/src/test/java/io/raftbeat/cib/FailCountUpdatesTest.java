package io.raftbeat.cib;

import static io.raftbeat.cib.CibTestSupport.OPTIONS;
import static io.raftbeat.cib.CibTestSupport.queryXPath;
import static io.raftbeat.cib.StatusOperationsTest.result;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.raftbeat.proto.v1.OpResult;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A failed operation raises its fail count on the node as Pacemaker's controller does; other results do not. */
@Timeout(30)
class FailCountUpdatesTest {
    private static String count(Cib cib, String key) throws CibException {
        return value(cib, "fail-count-" + key);
    }

    /** The value of the status nvpair with this name, or "" when there is none. */
    private static String value(Cib cib, String name) throws CibException {
        String status = CibTestSupport.query(cib, "status");
        Matcher nv = Pattern.compile("<nvpair[^>]*name=\"" + Pattern.quote(name) + "\"[^>]*>")
                .matcher(status);
        String nvpair = nv.find() ? nv.group() : "";
        Matcher m = Pattern.compile("value=\"([^\"]*)\"").matcher(nvpair);
        return m.find() ? m.group(1) : "";
    }

    private static void report(Cib cib, OpResult.Builder... results) throws CibException {
        StatusOperations.report(
                cib,
                "node1",
                List.of(results).stream().map(OpResult.Builder::build).toList(),
                OPTIONS);
    }

    @Test
    void eachFailedMonitorAddsOneAndStampsTheFailuresTime() throws Exception {
        Cib cib = Cib.empty();
        report(cib, result("rsc1", "monitor", 1000, 7));
        assertEquals("1", count(cib, "rsc1#monitor_1000"));
        assertEquals("1700000000", value(cib, "last-failure-rsc1#monitor_1000"));
        assertTrue(queryXPath(cib, "//nvpair[@name='fail-count-rsc1#monitor_1000']")
                .contains("id=\"status-node1-fail-count-rsc1.monitor_1000\""));
        report(cib, result("rsc1", "monitor", 1000, 1));
        assertEquals("2", count(cib, "rsc1#monitor_1000"));
    }

    @Test
    void aFailedStopOrStartIsFatalUnlessStartFailuresAreNot() throws Exception {
        Cib cib = Cib.empty();
        report(cib, result("rsc1", "stop", 0, 1), result("rsc2", "start", 0, 1));
        assertEquals("INFINITY", count(cib, "rsc1#stop_0"));
        assertEquals("INFINITY", count(cib, "rsc2#start_0"));
        CibTestSupport.modify(
                cib,
                "crm_config",
                "<crm_config><cluster_property_set id=\"o\"><nvpair id=\"o-sfif\" name=\"start-failure-is-fatal\""
                        + " value=\"false\"/></cluster_property_set></crm_config>");
        report(cib, result("rsc3", "start", 0, 1));
        assertEquals("1", count(cib, "rsc3#start_0"));
    }

    @Test
    void successesCancellationsAndProbesThatFindItStoppedOrMissingCountNothing() throws Exception {
        Cib cib = Cib.empty();
        report(
                cib,
                result("rsc1", "start", 0, 0),
                result("rsc1", "monitor", 0, 7).setTargetRc(7),
                result("rsc2", "monitor", 0, 5).setTargetRc(7),
                result("rsc1", "monitor", 1000, 0).setOpStatus(OpResults.CANCELLED));
        assertFalse(CibTestSupport.query(cib, "status").contains("transient_attributes"));
    }
}
