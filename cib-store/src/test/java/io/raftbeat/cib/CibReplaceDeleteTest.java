package io.raftbeat.cib;

import static io.raftbeat.cib.CibTestSupport.OPTIONS;
import static io.raftbeat.cib.CibTestSupport.create;
import static io.raftbeat.cib.CibTestSupport.primitive;
import static io.raftbeat.cib.CibTestSupport.query;
import static io.raftbeat.cib.CibTestSupport.req;
import static io.raftbeat.cib.CibTestSupport.version;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.raftbeat.proto.v1.CibOperation;
import io.raftbeat.proto.v1.CibRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class CibReplaceDeleteTest {
    private static Cib populated() throws CibException {
        Cib cib = Cib.empty();
        create(
                cib,
                "resources",
                "<resources><primitive id=\"a\" class=\"ocf\" provider=\"heartbeat\" type=\"Dummy\">"
                        + "<instance_attributes id=\"a-ia\"><nvpair id=\"a-x\" name=\"x\" value=\"Yes\"/>"
                        + "<nvpair id=\"a-y\" name=\"y\" value=\"2\"/></instance_attributes></primitive>"
                        + primitive("b") + primitive("c").replace("Dummy", "IPaddr2") + "</resources>");
        return cib;
    }

    private static CibDelta apply(Cib cib, CibRequest r) throws CibException {
        return CibOperations.apply(cib, r, OPTIONS);
    }

    private static CibException refused(Cib cib, CibRequest r) {
        String before = cib.toXml();
        CibException e = assertThrows(CibException.class, () -> apply(cib, r));
        assertEquals(before, cib.toXml());
        return e;
    }

    @Test
    void replaceSwapsTheElementInPlace() throws Exception {
        Cib cib = populated();
        apply(
                cib,
                req(CibOperation.CIB_REPLACE)
                        .setXml(primitive("b").replace("Dummy", "Stateful"))
                        .build());
        String xml = query(cib, "resources");
        assertTrue(xml.indexOf("id=\"b\"") < xml.indexOf("id=\"c\""), xml);
        assertTrue(xml.contains("type=\"Stateful\""), xml);
        assertEquals("0.3.0", version(cib));
    }

    @Test
    void identicalReplaceDoesNotBumpAndMissingIsNoSuch() throws Exception {
        Cib cib = populated();
        apply(
                cib,
                req(CibOperation.CIB_REPLACE)
                        .setScope("resources")
                        .setXml(primitive("b"))
                        .build());
        assertEquals("0.2.0", version(cib));
        assertEquals(
                CibError.NOSUCH,
                refused(
                                cib,
                                req(CibOperation.CIB_REPLACE)
                                        .setXml(primitive("zz"))
                                        .build())
                        .error());
    }

    @Test
    void replaceOfTheWholeCibRefusesOlderVersions() throws Exception {
        Cib cib = populated();
        String older = "<cib epoch=\"1\" admin_epoch=\"0\" num_updates=\"0\"><configuration><crm_config/><nodes/>"
                + "<resources/><constraints/></configuration><status/></cib>";
        CibException e =
                refused(cib, req(CibOperation.CIB_REPLACE).setXml(older).build());
        assertEquals(CibError.OLD, e.error());
        assertTrue(e.getMessage().startsWith("Update was older than existing configuration"), e.getMessage());
        apply(
                cib,
                req(CibOperation.CIB_REPLACE)
                        .setXml(older.replace("admin_epoch=\"0\"", "admin_epoch=\"1\""))
                        .build());
        assertEquals("1.2.0", version(cib), "configuration changed: epoch bumped from the replacement's");
    }

    @Test
    void deleteMatchesEveryGivenAttributeIgnoringValueCase() throws Exception {
        Cib cib = populated();
        apply(
                cib,
                req(CibOperation.CIB_DELETE)
                        .setXml("<primitive id=\"c\" type=\"Dummy\"/>")
                        .build());
        assertTrue(query(cib, "resources").contains("id=\"c\""), "type differs: nothing deleted");
        assertEquals("0.2.0", version(cib));
        apply(
                cib,
                req(CibOperation.CIB_DELETE)
                        .setXml("<nvpair name=\"x\" value=\"YES\"/>")
                        .build());
        assertFalse(query(cib, "resources").contains("a-x"));
        apply(
                cib,
                req(CibOperation.CIB_DELETE)
                        .setXml("<primitive type=\"IPaddr2\"/>")
                        .build());
        assertFalse(query(cib, "resources").contains("id=\"c\""));
    }

    @Test
    void deleteOfNothingSucceedsWithoutBump() throws Exception {
        Cib cib = populated();
        CibDelta d = apply(
                cib,
                req(CibOperation.CIB_DELETE).setXml("<primitive id=\"nope\"/>").build());
        assertTrue(d.changes().isEmpty());
        assertEquals("0.2.0", version(cib));
    }

    @Test
    void deleteByXPathTakesTheFirstMatchAndDeleteAllTakesEvery() throws Exception {
        Cib cib = populated();
        apply(cib, req(CibOperation.CIB_DELETE).setXpath("//resources//nvpair").build());
        assertFalse(query(cib, "resources").contains("a-x"));
        assertTrue(query(cib, "resources").contains("a-y"));
        assertEquals(
                CibError.UNSAFE,
                refused(
                                cib,
                                req(CibOperation.CIB_DELETE_ALL)
                                        .setXpath("//primitive")
                                        .build())
                        .error());
        apply(
                cib,
                req(CibOperation.CIB_DELETE_ALL)
                        .setXpath("//primitive[@id='b'] | //primitive[@id='c']")
                        .setForce(true)
                        .build());
        assertFalse(query(cib, "resources").contains("id=\"b\""));
        assertFalse(query(cib, "resources").contains("id=\"c\""));
        assertEquals(
                CibError.SOFTWARE,
                refused(
                                cib,
                                req(CibOperation.CIB_DELETE_ALL)
                                        .setXpath("/cib")
                                        .setForce(true)
                                        .build())
                        .error());
    }

    @Test
    void anXPathSyntaxErrorIsNoSuchForModifyAndNothingForDelete() throws Exception {
        Cib cib = populated();
        CibException e = refused(
                cib,
                req(CibOperation.CIB_MODIFY)
                        .setXpath("//p[")
                        .setXml(primitive("b"))
                        .build());
        assertEquals(CibError.NOSUCH, e.error());
        assertFalse(e.getMessage().contains("\n"));
        apply(
                cib,
                req(CibOperation.CIB_DELETE_ALL).setXpath("//p[").setForce(true).build());
        assertEquals("0.2.0", version(cib));
    }

    @Test
    void xpathModifyUsesOnlyTheFirstMatch() throws Exception {
        Cib cib = populated();
        apply(
                cib,
                req(CibOperation.CIB_MODIFY)
                        .setXpath("//primitive")
                        .setXml("<nvpair id=\"a-y\" value=\"3\"/>")
                        .build());
        assertTrue(query(cib, "resources").contains("value=\"3\""));
        CibException e = refused(
                cib,
                req(CibOperation.CIB_MODIFY)
                        .setXpath("//primitive")
                        .setXml("<primitive id=\"c\" description=\"d\"/>")
                        .build());
        assertEquals(CibError.NOSUCH, e.error());
    }

    @Test
    void xpathReplaceRemovesTheMatchAndAppendsTheNewElement() throws Exception {
        Cib cib = populated();
        apply(
                cib,
                req(CibOperation.CIB_REPLACE)
                        .setXpath("//primitive[@id='a']")
                        .setXml(primitive("z"))
                        .build());
        String xml = query(cib, "resources");
        assertFalse(xml.contains("id=\"a\""));
        assertTrue(xml.indexOf("id=\"c\"") < xml.indexOf("id=\"z\""), xml);
    }

    @Test
    void eraseEmptiesTheConfigurationAndBumpsAdminEpoch() throws Exception {
        Cib cib = populated();
        create(cib, "status", "<node_state id=\"1\" uname=\"n1\"/>");
        assertEquals(
                CibError.UNSAFE,
                refused(cib, req(CibOperation.CIB_ERASE).build()).error());
        apply(cib, req(CibOperation.CIB_ERASE).setForce(true).build());
        assertEquals("1.3.0", version(cib));
        assertEquals("<resources/>\n", query(cib, "resources"));
        assertEquals("<status/>\n", query(cib, "status"));
        assertTrue(query(cib, "crm_config").contains("cluster-infrastructure"));
        apply(cib, req(CibOperation.CIB_ERASE).setForce(true).build());
        assertEquals("2.3.1", version(cib), "nothing in the configuration changed: num_updates only");
    }

    @Test
    void bumpRaisesEpochAndNumUpdates() throws Exception {
        Cib cib = populated();
        apply(cib, req(CibOperation.CIB_BUMP).build());
        assertEquals("0.3.1", version(cib));
    }

    @Test
    void unknownScopeResolvesToTheWholeCibAsInPacemaker() throws Exception {
        Cib cib = populated();
        assertTrue(query(cib, "bogus").startsWith("<cib"));
        CibException e = refused(
                cib,
                req(CibOperation.CIB_CREATE)
                        .setScope("bogus")
                        .setXml(primitive("q"))
                        .build());
        assertEquals(CibError.CONFIG, e.error());
    }

    @Test
    void writesWithoutXmlOrOperationAreRefused() throws Exception {
        Cib cib = populated();
        assertEquals(
                CibError.SOFTWARE,
                refused(cib, req(CibOperation.CIB_CREATE).setScope("resources").build())
                        .error());
        assertEquals(
                CibError.USAGE, refused(cib, CibRequest.newBuilder().build()).error());
    }
}
