package io.raftbeat.cib;

import static io.raftbeat.cib.CibTestSupport.OPTIONS;
import static io.raftbeat.cib.CibTestSupport.create;
import static io.raftbeat.cib.CibTestSupport.modify;
import static io.raftbeat.cib.CibTestSupport.primitive;
import static io.raftbeat.cib.CibTestSupport.req;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.raftbeat.proto.v1.CibOperation;
import io.raftbeat.proto.v1.CibRequest;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class CibAtomicityTest {
    private static Cib populated() throws CibException {
        Cib cib = Cib.empty();
        create(cib, "resources", "<resources>" + primitive("a") + primitive("b") + "</resources>");
        create(cib, "constraints", "<rsc_location id=\"l\" rsc=\"a\" node=\"n1\" score=\"1\"/>");
        create(cib, "status", "<node_state id=\"1\" uname=\"n1\"/>");
        return cib;
    }

    private static void assertRefusedUnchanged(Cib cib, CibRequest request, CibError expected) {
        String xml = cib.toXml();
        byte[] skeleton = cib.skeleton();
        Map<ElementKey, byte[]> parts = cib.parts();
        CibException e = assertThrows(CibException.class, () -> CibOperations.apply(cib, request, OPTIONS));
        assertEquals(expected, e.error(), e.getMessage());
        assertEquals(xml, cib.toXml());
        assertArrayEquals(skeleton, cib.skeleton());
        assertEquals(parts.keySet(), cib.parts().keySet());
        parts.forEach((k, v) -> assertArrayEquals(v, cib.parts().get(k), k.toString()));
    }

    @Test
    void schemaFailureAfterAModifyRestoresEverything() throws Exception {
        Cib cib = populated();
        CibRequest bad = req(CibOperation.CIB_MODIFY)
                .setXml("<primitive id=\"a\" class=\"nonsense\" description=\"x\"><operations><op id=\"o\" "
                        + "name=\"monitor\" interval=\"1s\"/></operations></primitive>")
                .build();
        assertRefusedUnchanged(cib, bad, CibError.CONFIG);
    }

    @Test
    void schemaFailureNamesJingsFirstError() throws Exception {
        Cib cib = populated();
        CibException e = assertThrows(CibException.class, () -> create(cib, "resources", "<primitive id=\"x\"/>"));
        assertTrue(e.getMessage().startsWith("Update does not conform to the configured schema: "), e.getMessage());
        assertEquals(78, e.error().exitCode());
    }

    @Test
    void danglingReferenceAfterDeleteIsRefusedAndRestored() throws Exception {
        Cib cib = populated();
        assertRefusedUnchanged(
                cib,
                req(CibOperation.CIB_DELETE).setXml("<primitive id=\"a\"/>").build(),
                CibError.CONFIG);
    }

    @Test
    void failureHalfwayThroughACreateRestoresTheFirstHalf() throws Exception {
        Cib cib = populated();
        CibRequest r = req(CibOperation.CIB_CREATE)
                .setScope("resources")
                .setXml("<resources>" + primitive("c") + primitive("a") + "</resources>")
                .build();
        assertRefusedUnchanged(cib, r, CibError.EXISTS);
    }

    @Test
    void refusedReplacementOfTheWholeCibRestoresTheRoot() throws Exception {
        Cib cib = populated();
        String invalid = "<cib validate-with=\"pacemaker-3.9\" epoch=\"50\" num_updates=\"0\" admin_epoch=\"0\">"
                + "<configuration><crm_config/><nodes/><resources><primitive id=\"z\"/></resources><constraints/>"
                + "</configuration><status/></cib>";
        assertRefusedUnchanged(
                cib, req(CibOperation.CIB_REPLACE).setXml(invalid).build(), CibError.CONFIG);
    }

    @Test
    void refusedSectionReplacementAndEraseRestore() throws Exception {
        Cib cib = populated();
        assertRefusedUnchanged(
                cib,
                req(CibOperation.CIB_REPLACE)
                        .setScope("resources")
                        .setXml("<resources><primitive id=\"q\"/></resources>")
                        .build(),
                CibError.CONFIG);
        assertRefusedUnchanged(cib, req(CibOperation.CIB_ERASE).build(), CibError.UNSAFE);
    }

    @Test
    void theCibStaysUsableAfterARefusal() throws Exception {
        Cib cib = populated();
        assertThrows(CibException.class, () -> modify(cib, "", "<primitive id=\"a\" class=\"nonsense\"/>"));
        CibDelta d = modify(cib, "", "<primitive id=\"a\" description=\"ok\"/>");
        assertEquals(1, d.puts().size());
        assertTrue(cib.toXml().contains("description=\"ok\""));
        Cib rebuilt = Cib.fromParts(cib.skeleton(), cib.parts());
        assertEquals(cib.toXml(), rebuilt.toXml());
    }
}
