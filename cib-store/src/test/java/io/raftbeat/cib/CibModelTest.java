package io.raftbeat.cib;

import static io.raftbeat.cib.CibTestSupport.create;
import static io.raftbeat.cib.CibTestSupport.primitive;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class CibModelTest {
    @Test
    void emptyCibIsPacemakersEmptyCibWithTheInfrastructureOption() {
        Cib cib = Cib.empty();
        String xml = cib.toXml();
        assertTrue(xml.startsWith("<cib"), xml);
        assertTrue(xml.contains("validate-with=\"pacemaker-3.9\""), xml);
        assertTrue(xml.contains("name=\"cluster-infrastructure\""), xml);
        assertTrue(xml.contains("value=\"raftbeat\""), xml);
        assertEquals("0.1.0", CibTestSupport.version(cib));
        for (String section : new String[] {"crm_config", "nodes", "resources", "constraints", "status"}) {
            assertTrue(xml.contains("<" + section), section);
        }
    }

    @Test
    void emptyCibIsDeterministic() {
        assertEquals(Cib.empty().toXml(), Cib.empty().toXml());
        assertArrayEquals(Cib.empty().skeleton(), Cib.empty().skeleton());
    }

    @Test
    void skeletonHoldsRootAndSectionsWithoutTheirChildren() throws Exception {
        Cib cib = Cib.empty();
        create(cib, "resources", primitive("ip"));
        String skeleton = new String(cib.skeleton(), StandardCharsets.UTF_8);
        assertTrue(skeleton.contains("<resources/>"), skeleton);
        assertTrue(skeleton.contains("<crm_config/>"), skeleton);
        assertTrue(skeleton.contains("<status/>"), skeleton);
        assertTrue(skeleton.contains("epoch=\"2\""), skeleton);
    }

    @Test
    void partsAreKeyedBySectionInDocumentOrder() throws Exception {
        Cib cib = Cib.empty();
        create(cib, "resources", primitive("a"));
        create(cib, "resources", primitive("b"));
        Map<ElementKey, byte[]> parts = cib.parts();
        assertEquals(3, parts.size());
        assertTrue(new String(parts.get(new ElementKey("resources", 1)), StandardCharsets.UTF_8).contains("\"a\""));
        assertTrue(new String(parts.get(new ElementKey("resources", 2)), StandardCharsets.UTF_8).contains("\"b\""));
        assertTrue(parts.containsKey(new ElementKey("crm_config", 1)));
    }

    @Test
    void fromPartsRebuildsAnEqualDocumentWithEqualKeys() throws Exception {
        Cib cib = Cib.empty();
        create(cib, "resources", primitive("a"));
        create(cib, "resources", primitive("b"));
        create(cib, "status", "<node_state id=\"1\" uname=\"n1\"/>");
        Cib rebuilt = Cib.fromParts(cib.skeleton(), cib.parts());
        assertEquals(cib.toXml(), rebuilt.toXml());
        assertEquals(cib.parts().keySet(), rebuilt.parts().keySet());
        assertEquals(cib.version(), rebuilt.version());
    }

    @Test
    void idAndTheVersionAttributesAreWrittenFirst() throws Exception {
        Cib cib = Cib.empty();
        create(cib, "resources", "<primitive type=\"Dummy\" class=\"ocf\" provider=\"heartbeat\" id=\"ip\"/>");
        String xml = cib.toXml();
        assertTrue(
                xml.startsWith("<cib crm_feature_set=\"3.16.1\" validate-with=\"pacemaker-3.9\" epoch=\"2\""
                        + " num_updates=\"0\" admin_epoch=\"0\">"),
                xml);
        assertTrue(xml.contains("<primitive id=\"ip\" class=\"ocf\" provider=\"heartbeat\" type=\"Dummy\"/>"), xml);
    }
}
