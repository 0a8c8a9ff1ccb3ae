package io.raftbeat.cib;

import static io.raftbeat.cib.CibTestSupport.create;
import static io.raftbeat.cib.CibTestSupport.modify;
import static io.raftbeat.cib.CibTestSupport.primitive;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** A configuration change is validated at the cost of what it touched, without missing what it must check. */
@Timeout(30)
class CibValidationScopeTest {
    @Test
    void structureHoldsTheSkeletonAndOnlyTheTouchedElements() throws Exception {
        Cib cib = Cib.empty();
        for (String id : List.of("a", "b", "c", "d")) {
            create(cib, "resources", primitive(id));
        }
        Element c = element(cib, "c");
        Document structure = cib.structureOf(List.of(c));
        assertEquals(1, structure.getElementsByTagName("primitive").getLength());
        assertEquals("c", ((Element) structure.getElementsByTagName("primitive").item(0)).getAttribute("id"));
        // crm_config was not touched: its first child stands for it; nodes and constraints stay empty.
        assertEquals(1, structure.getElementsByTagName("cluster_property_set").getLength());
        assertEquals(1, structure.getElementsByTagName("constraints").getLength());
        assertEquals("cib", structure.getDocumentElement().getTagName());
    }

    @Test
    void anInvalidTouchedElementIsStillRefusedAmongManyValidOnes() throws Exception {
        Cib cib = Cib.empty();
        for (int i = 0; i < 50; i++) {
            create(cib, "resources", primitive("r" + i));
        }
        String before = cib.toXml();
        CibException e = assertThrows(
                CibException.class, () -> modify(cib, "resources", "<primitive id=\"r25\" class=\"nonsense\"/>"));
        assertEquals(CibError.CONFIG, e.error());
        assertEquals(before, cib.toXml());
    }

    @Test
    void turningValidationOnChecksWhatWasStoredWithoutIt() throws Exception {
        Cib cib = Cib.empty();
        modify(cib, "", "<cib validate-with=\"none\"/>");
        create(cib, "resources", primitive("valid"));
        create(cib, "resources", "<primitive id=\"unchecked\"/>");
        CibException e =
                assertThrows(CibException.class, () -> modify(cib, "", "<cib validate-with=\"pacemaker-3.9\"/>"));
        assertEquals(CibError.CONFIG, e.error());
        assertTrue(e.getMessage().startsWith("Update does not conform to the configured schema"), e.getMessage());
    }

    private static Element element(Cib cib, String id) {
        var all = cib.document().getElementsByTagName("primitive");
        for (int i = 0; i < all.getLength(); i++) {
            Element e = (Element) all.item(i);
            if (e.getAttribute("id").equals(id)) {
                return e;
            }
        }
        throw new AssertionError("no primitive " + id);
    }
}
