package io.raftbeat.agent.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.raftbeat.proto.v1.CibOperation;
import io.raftbeat.proto.v1.CibRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class ShutdownAttributeTest {
    @Test
    void theRequestIsCrmAttributesStatusModifyForTheNode() {
        CibRequest r = ShutdownAttribute.request("node1", 1767225500L);
        assertEquals(CibOperation.CIB_MODIFY, r.getOperation());
        assertEquals("status", r.getScope());
        assertTrue(r.getAllowCreate());
        assertFalse(r.getRequestId().isEmpty(), "a request id lets a retry on another member be recognised");
        assertEquals(
                "<node_state id=\"node1\"><transient_attributes id=\"node1\"><instance_attributes"
                        + " id=\"status-node1\"><nvpair id=\"status-node1-shutdown\" name=\"shutdown\""
                        + " value=\"1767225500\"/></instance_attributes></transient_attributes></node_state>",
                r.getXml());
    }

    @Test
    void itIsSetWhenATransientShutdownIsNotZero() {
        String set = "<node_state id=\"n\"><transient_attributes id=\"n\"><instance_attributes id=\"s\">"
                + "<nvpair id=\"x\" name=\"shutdown\" value=\"%s\"/></instance_attributes></transient_attributes>"
                + "</node_state>";
        assertTrue(ShutdownAttribute.isSet(String.format(set, "1767225500")));
        assertFalse(ShutdownAttribute.isSet(String.format(set, "0")));
        assertFalse(ShutdownAttribute.isSet("<node_state id=\"n\"/>"));
        assertFalse(ShutdownAttribute.isSet("<status/>"));
    }
}
