package io.raftbeat.agent.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class NodeHistoryTest {
    @Test
    void callIdsContinueAboveTheHighestInTheNodesHistory() {
        String xml = """
                <node_state id="node1" uname="node1"><lrm id="node1"><lrm_resources>
                  <lrm_resource id="a"><lrm_rsc_op id="a_last_0" call-id="12"/>
                    <lrm_rsc_op id="a_monitor_1000" call-id="40"/></lrm_resource>
                  <lrm_resource id="b"><lrm_rsc_op id="b_last_0" call-id="-1"/></lrm_resource>
                </lrm_resources></lrm></node_state>""";
        CallIds ids = new CallIds();
        ids.seed(NodeHistory.highestCallId(xml));
        assertEquals(41, ids.next());
        assertEquals(42, ids.next());
        ids.seed(5); // a seed never moves the numbering back
        assertEquals(43, ids.next());
    }

    @Test
    void anEmptyHistoryStartsAtOne() {
        CallIds ids = new CallIds();
        ids.seed(NodeHistory.highestCallId("<status/>"));
        assertEquals(1, ids.next());
    }

    @Test
    void malformedXmlIsNamed() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> NodeHistory.highestCallId("<status>"));
        assertEquals(true, e.getMessage().startsWith("not status XML"));
    }
}
