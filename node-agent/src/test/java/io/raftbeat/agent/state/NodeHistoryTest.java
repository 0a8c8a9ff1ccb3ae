package io.raftbeat.agent.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
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
    void aResourceIsActiveUntilAStopSucceedsOrAProbeFindsItStopped() {
        String xml = """
                <node_state id="node1"><lrm id="node1"><lrm_resources>
                  <lrm_resource id="started"><lrm_rsc_op id="started_last_0" operation="start" interval="0"
                    rc-code="0" op-status="0" call-id="3"/><lrm_rsc_op id="started_monitor_10000" operation="monitor"
                    interval="10000" rc-code="7" op-status="0" call-id="9"/></lrm_resource>
                  <lrm_resource id="stopped"><lrm_rsc_op id="stopped_last_failure_0" operation="start" interval="0"
                    rc-code="1" op-status="0" call-id="4"/><lrm_rsc_op id="stopped_last_0" operation="stop"
                    interval="0" rc-code="0" op-status="0" call-id="5"/></lrm_resource>
                  <lrm_resource id="probed"><lrm_rsc_op id="probed_last_0" operation="monitor" interval="0"
                    rc-code="7" op-status="0" call-id="1"/></lrm_resource>
                  <lrm_resource id="stopFailed"><lrm_rsc_op id="stopFailed_last_0" operation="stop" interval="0"
                    rc-code="1" op-status="0" call-id="6"/></lrm_resource>
                  <lrm_resource id="foundRunning"><lrm_rsc_op id="foundRunning_last_0" operation="monitor"
                    interval="0" rc-code="0" op-status="0" call-id="2"/></lrm_resource>
                </lrm_resources></lrm></node_state>""";
        assertEquals(List.of("started", "stopFailed", "foundRunning"), NodeHistory.activeResources(xml));
        assertEquals(List.of(), NodeHistory.activeResources("<status/>"));
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
