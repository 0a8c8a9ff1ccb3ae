package io.raftbeat.leader;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.raftbeat.cib.Cib;
import io.raftbeat.cib.CibOptions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.w3c.dom.Document;

/** Which devices fence a node, in which order, with which timeout. */
@Timeout(10)
class FenceDevicesTest {
    private static Document cib(String resources, String topology) throws Exception {
        return Cib.parse(
                        "<cib validate-with='pacemaker-3.9' epoch='1' num_updates='0' admin_epoch='0'>"
                                + "<configuration><crm_config><cluster_property_set id='o'>"
                                + "<nvpair id='o1' name='stonith-timeout' value='90s'/>"
                                + "<nvpair id='o2' name='stonith-max-attempts' value='3'/></cluster_property_set></crm_config>"
                                + "<nodes><node id='node1' uname='node1'><instance_attributes id='n1'>"
                                + "<nvpair id='n1a' name='rack' value='r1'/></instance_attributes></node>"
                                + "<node id='node2' uname='node2'/></nodes>"
                                + "<resources>" + resources + "</resources><constraints/>" + topology
                                + "</configuration><status/></cib>",
                        CibOptions.defaults())
                .document();
    }

    private static String device(String id, String params, String meta) {
        return "<primitive id='" + id + "' class='stonith' type='fence_dummy'><instance_attributes id='" + id
                + "-p'>" + params + "</instance_attributes><meta_attributes id='" + id + "-m'>" + meta
                + "</meta_attributes></primitive>";
    }

    private static String nv(String id, String name, String value) {
        return "<nvpair id='" + id + "' name='" + name + "' value='" + value + "'/>";
    }

    @Test
    void withoutTopologyEachCapableDeviceByPriorityThenId() throws Exception {
        FenceDevices d = new FenceDevices(cib(
                device("b-any", "", "")
                        + device("a-listed", nv("l", "pcmk_host_list", "node1 node3"), "")
                        + device("c-high", nv("m", "pcmk_host_map", "node2:4;node1:3"), nv("p", "priority", "5"))
                        + device("off", "", nv("t", "target-role", "Stopped"))
                        + "<primitive id='web' class='ocf' provider='heartbeat' type='Dummy'/>",
                ""));
        assertEquals(
                List.of(new FenceDevices.Level(1, List.of("c-high")), new FenceDevices.Level(2, List.of("b-any"))),
                d.plan("node2"));
        assertEquals(3, d.plan("node1").size());
        assertEquals(90_000, d.timeoutMs("b-any", "reboot"));
        assertEquals(3, d.maxAttempts());
    }

    @Test
    void topologyLevelsNamingTheNodeInIndexOrder() throws Exception {
        FenceDevices d = new FenceDevices(cib(
                device("ipmi", nv("t", "pcmk_reboot_timeout", "20s"), "")
                        + device("pdu1", "", "")
                        + device("pdu2", "", ""),
                "<fencing-topology>"
                        + "<fencing-level id='l2' target-attribute='rack' target-value='r1' index='2'"
                        + " devices='pdu1,pdu2'/>"
                        + "<fencing-level id='l1' target-pattern='node[0-9]' index='1' devices='ipmi'/>"
                        + "<fencing-level id='l3' target='node2' index='3' devices='missing'/>"
                        + "</fencing-topology>"));
        assertEquals(
                List.of(new FenceDevices.Level(1, List.of("ipmi")), new FenceDevices.Level(2, List.of("pdu1", "pdu2"))),
                d.plan("node1"));
        assertEquals(List.of(new FenceDevices.Level(1, List.of("ipmi"))), d.plan("node2"), "unknown devices: no level");
        assertEquals(20_000, d.timeoutMs("ipmi", "reboot"));
    }
}
