package io.raftbeat.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.raftbeat.cib.SafeXml;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.w3c.dom.Document;

/** Fence devices read from the CIB, and which nodes each can fence by pcmk_host_list, pcmk_host_map and _check. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class FenceDevicesTest {
    static final String CIB = """
            <cib><configuration><crm_config/>
              <nodes><node id="node1" uname="node1"/><node id="n2" uname="node2"/></nodes>
              <resources>
                <primitive id="listed" class="stonith" type="fence_dummy">
                  <instance_attributes id="listed-ia">
                    <nvpair id="listed-l" name="pcmk_host_list" value="node1, node2"/>
                  </instance_attributes>
                </primitive>
                <primitive id="mapped" class="stonith" type="fence_dummy">
                  <instance_attributes id="mapped-ia">
                    <nvpair id="mapped-m" name="pcmk_host_map" value="node3:1;node4:2,3"/>
                  </instance_attributes>
                </primitive>
                <primitive id="any" class="stonith" type="fence_dummy"/>
                <primitive id="unchecked" class="stonith" type="fence_dummy">
                  <instance_attributes id="unchecked-ia">
                    <nvpair id="unchecked-l" name="pcmk_host_list" value="node9"/>
                    <nvpair id="unchecked-c" name="pcmk_host_check" value="none"/>
                  </instance_attributes>
                </primitive>
                <primitive id="d1" class="ocf" provider="heartbeat" type="Dummy"/>
              </resources><constraints/></configuration><status/></cib>
            """;

    static Document cib() throws Exception {
        return SafeXml.parse(CIB, 1 << 20);
    }

    @Test
    void everyStonithPrimitiveIsADevice() throws Exception {
        List<String> ids = FenceDevices.of(cib()).all().stream()
                .map(FenceDevices.Device::id)
                .toList();
        assertEquals(List.of("listed", "mapped", "any", "unchecked"), ids);
    }

    @Test
    void aStaticListOrMapLimitsTheTargets() throws Exception {
        FenceDevices devices = FenceDevices.of(cib());
        assertEquals(List.of("listed", "any", "unchecked"), ids(devices.thatCanFence("node2")));
        assertEquals(List.of("mapped", "any", "unchecked"), ids(devices.thatCanFence("node4")));
        assertEquals(List.of("any", "unchecked"), ids(devices.thatCanFence("node7")));
    }

    @Test
    void nodesAreKnownByNameOrId() throws Exception {
        assertTrue(FenceDevices.nodeConfigured(cib(), "node2"));
        assertTrue(FenceDevices.nodeConfigured(cib(), "n2"));
        assertFalse(FenceDevices.nodeConfigured(cib(), "node3"));
    }

    @Test
    void hostListsAndMapsParseAsPacemakerWritesThem() {
        assertEquals(List.of("a", "b", "c", "d"), FenceDevices.names(" a,b;c  d "));
        assertEquals(List.of("a", "b", "c"), FenceDevices.mappedNodes("a:1;b=2 c:3,4"));
    }

    private static List<String> ids(List<FenceDevices.Device> devices) {
        return devices.stream().map(FenceDevices.Device::id).toList();
    }
}
