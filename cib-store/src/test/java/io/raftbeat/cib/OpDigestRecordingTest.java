package io.raftbeat.cib;

import static io.raftbeat.cib.CibTestSupport.OPTIONS;
import static io.raftbeat.cib.CibTestSupport.create;
import static io.raftbeat.cib.CibTestSupport.modify;
import static io.raftbeat.cib.CibTestSupport.queryXPath;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.raftbeat.scheduler.OperationDigest;
import io.raftbeat.scheduler.Scheduler;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A recorded start carries the digest of its parameters, so a later change of them restarts the resource. */
@Timeout(30)
class OpDigestRecordingTest {
    private static String dummy(String state) {
        return "<primitive id=\"d1\" class=\"ocf\" provider=\"heartbeat\" type=\"Dummy\"><instance_attributes"
                + " id=\"d1-ia\"><nvpair id=\"d1-state\" name=\"state\" value=\"" + state + "\"/>"
                + "</instance_attributes></primitive>";
    }

    @Test
    void aStartIsRecordedWithItsDigestAndAChangedParameterRestartsIt() throws Exception {
        Cib cib = Cib.empty();
        create(cib, "resources", dummy("/run/a"));
        create(
                cib,
                "crm_config",
                "<cluster_property_set id=\"o\"><nvpair id=\"q\" name=\"no-quorum-policy\" value=\"ignore\"/>"
                        + "</cluster_property_set>");
        StatusOperations.nodeJoin(cib, "node1", OPTIONS);
        StatusOperations.report(
                cib,
                "node1",
                List.of(
                        StatusOperationsTest.result("d1", "monitor", 0, 7).build(),
                        StatusOperationsTest.result("d1", "start", 0, 0).build()),
                OPTIONS);
        String start = queryXPath(cib, "//lrm_rsc_op[@id='d1_last_0']");
        assertTrue(start.contains("op-digest=\"" + OperationDigest.of(Map.of("state", "/run/a")) + "\""), start);
        assertEquals(
                List.of(), Scheduler.schedule(cib.document(), Instant.now()).summary());

        modify(cib, "resources", dummy("/run/b"));
        List<String> summary = Scheduler.schedule(cib.document(), Instant.now()).summary();
        assertEquals(1, summary.size(), summary.toString());
        assertTrue(summary.get(0).startsWith("Restart    d1"), summary.toString());
    }

    @Test
    void recurringMonitorsCarryNoDigest() throws Exception {
        Cib cib = Cib.empty();
        create(cib, "resources", dummy("/run/a"));
        create(
                cib,
                "crm_config",
                "<cluster_property_set id=\"o\"><nvpair id=\"q\" name=\"no-quorum-policy\" value=\"ignore\"/>"
                        + "</cluster_property_set>");
        StatusOperations.nodeJoin(cib, "node1", OPTIONS);
        StatusOperations.report(
                cib,
                "node1",
                List.of(StatusOperationsTest.result("d1", "monitor", 10000, 0).build()),
                OPTIONS);
        assertFalse(queryXPath(cib, "//lrm_rsc_op[@id='d1_monitor_10000']").contains("op-digest"));
    }
}
