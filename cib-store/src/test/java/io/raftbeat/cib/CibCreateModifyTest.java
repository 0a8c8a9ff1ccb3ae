package io.raftbeat.cib;

import static io.raftbeat.cib.CibTestSupport.OPTIONS;
import static io.raftbeat.cib.CibTestSupport.create;
import static io.raftbeat.cib.CibTestSupport.modify;
import static io.raftbeat.cib.CibTestSupport.primitive;
import static io.raftbeat.cib.CibTestSupport.query;
import static io.raftbeat.cib.CibTestSupport.req;
import static io.raftbeat.cib.CibTestSupport.version;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.raftbeat.proto.v1.Change;
import io.raftbeat.proto.v1.ChangeType;
import io.raftbeat.proto.v1.CibOperation;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class CibCreateModifyTest {
    @Test
    void createAppendsToTheScopeAndBumpsEpoch() throws Exception {
        Cib cib = Cib.empty();
        CibDelta delta = create(cib, "resources", primitive("ip"));
        assertEquals("0.2.0", version(cib));
        assertTrue(query(cib, "resources").contains("id=\"ip\""));
        assertEquals(1, delta.puts().size());
        assertTrue(delta.deletes().isEmpty());
        Change c = delta.changes().get(0);
        assertEquals(ChangeType.CHANGE_PUT, c.getType());
        assertEquals("resources", c.getSection());
        assertEquals("ip", c.getId());
        assertEquals("/cib/configuration/resources/primitive[@id='ip']", c.getPath());
        assertTrue(c.getXml().contains("type=\"Dummy\""));
        String skeleton = new String(delta.skeleton(), StandardCharsets.UTF_8);
        assertTrue(skeleton.contains("epoch=\"2\""), skeleton);
    }

    @Test
    void createOfATakenIdIsExistsAndChangesNothing() throws Exception {
        Cib cib = Cib.empty();
        create(cib, "resources", primitive("ip"));
        String before = cib.toXml();
        CibException e = assertThrows(CibException.class, () -> create(cib, "resources", primitive("ip")));
        assertEquals(CibError.EXISTS, e.error());
        assertEquals(108, e.error().exitCode());
        assertEquals(before, cib.toXml());
    }

    @Test
    void createWithTheSectionAsWrapperAddsEachChild() throws Exception {
        Cib cib = Cib.empty();
        CibDelta d = create(cib, "resources", "<resources>" + primitive("a") + primitive("b") + "</resources>");
        assertEquals(2, d.puts().size());
        assertEquals(2, d.changes().size());
        assertEquals("a", d.changes().get(0).getId());
        assertEquals("b", d.changes().get(1).getId());
    }

    @Test
    void createIntoAnAbsentSectionIsInvalidArgument() {
        Cib cib = Cib.empty();
        CibException e = assertThrows(
                CibException.class,
                () -> create(
                        cib, "fencing-topology", "<fencing-level id=\"f\" target=\"n1\" index=\"1\" devices=\"x\"/>"));
        assertEquals(CibError.SOFTWARE, e.error());
    }

    @Test
    void createOfStatusBumpsNumUpdatesOnlyAndReportsTheNode() throws Exception {
        Cib cib = Cib.empty();
        CibDelta d = create(cib, "status", "<node_state id=\"1\" uname=\"node1\"/>");
        assertEquals("0.1.1", version(cib));
        assertEquals("node1", d.changes().get(0).getNode());
        assertEquals("/cib/status/node_state[@id='1']", d.changes().get(0).getPath());
    }

    @Test
    void modifyMergesAttributesAndChildrenByNameAndId() throws Exception {
        Cib cib = Cib.empty();
        create(cib, "resources", primitive("r"));
        modify(
                cib,
                "resources",
                "<primitive id=\"r\"><operations><op id=\"m\" name=\"monitor\" interval=\"10s\"/>"
                        + "</operations></primitive>");
        modify(
                cib,
                "",
                "<primitive id=\"r\" description=\"d\"><operations><op id=\"m\" interval=\"20s\"/>"
                        + "<op id=\"s\" name=\"start\" interval=\"0\"/></operations></primitive>");
        String xml = query(cib, "resources");
        assertTrue(xml.contains("description=\"d\""), xml);
        assertTrue(xml.contains("interval=\"20s\" name=\"monitor\""), xml);
        assertTrue(xml.contains("id=\"s\""), xml);
        assertEquals(1, xml.split("<operations").length - 1, xml);
        assertEquals("0.4.0", version(cib));
    }

    @Test
    void modifyOfTheSeedsMonitorOpFindsItAnywhereInTheScope() throws Exception {
        Cib cib = Cib.empty();
        create(
                cib,
                "resources",
                "<primitive id=\"test\" class=\"heartbeat\" type=\"test\"><operations>"
                        + "<op id=\"test_8_mon\" interval=\"5s\" name=\"monitor\" timeout=\"5s\"/>"
                        + "</operations></primitive>");
        CibDelta d =
                modify(cib, "resources", "<op id=\"test_8_mon\" interval=\"1s\" name=\"monitor\" timeout=\"2s\"/>");
        assertTrue(query(cib, "resources").contains("interval=\"1s\""));
        assertEquals(1, d.puts().size());
        assertEquals("test", d.changes().get(0).getId());
    }

    @Test
    void modifyOfAMissingElementIsNoSuchUnlessAllowCreate() throws Exception {
        Cib cib = Cib.empty();
        CibException e = assertThrows(CibException.class, () -> modify(cib, "resources", primitive("x")));
        assertEquals(CibError.NOSUCH, e.error());
        CibOperations.apply(
                cib,
                req(CibOperation.CIB_MODIFY)
                        .setScope("resources")
                        .setXml(primitive("x"))
                        .setAllowCreate(true)
                        .build(),
                OPTIONS);
        assertTrue(query(cib, "resources").contains("id=\"x\""));
        assertEquals("0.1.1", version(cib), "Pacemaker's add_node_copy bumps num_updates only");
    }

    @Test
    void modifyThatChangesNothingDoesNotBump() throws Exception {
        Cib cib = Cib.empty();
        create(cib, "resources", primitive("r"));
        CibDelta d = modify(cib, "resources", "<primitive id=\"r\" type=\"Dummy\"/>");
        assertEquals("0.2.0", version(cib));
        assertTrue(d.puts().isEmpty());
        assertTrue(d.changes().isEmpty());
    }

    @Test
    void valuePlusPlusExpandsFromTheOldValueAndFromZero() throws Exception {
        Cib cib = Cib.empty();
        create(
                cib,
                "resources",
                "<primitive id=\"r\" class=\"ocf\" provider=\"heartbeat\" type=\"Dummy\">"
                        + "<meta_attributes id=\"m\"><nvpair id=\"n\" name=\"a\" value=\"5\"/>"
                        + "</meta_attributes></primitive>");
        modify(cib, "", "<nvpair id=\"n\" value=\"value++\"/>");
        assertTrue(query(cib, "resources").contains("value=\"6\""));
        modify(cib, "", "<nvpair id=\"n\" value=\"value+=10\"/>");
        assertTrue(query(cib, "resources").contains("value=\"16\""));
        modify(cib, "", "<nvpair id=\"n\" value=\"value+=INFINITY\"/>");
        assertTrue(query(cib, "resources").contains("value=\"1000000\""));
        modify(cib, "", "<meta_attributes id=\"m\"><nvpair id=\"n2\" name=\"b\" value=\"value++\"/></meta_attributes>");
        assertTrue(query(cib, "resources").contains("id=\"n2\" name=\"b\" value=\"1\""), query(cib, "resources"));
    }

    @Test
    void modifyOfTheRootEpochBumpsNumUpdatesAndOlderIsRefused() throws Exception {
        Cib cib = Cib.empty();
        modify(cib, "", "<cib epoch=\"20\"/>");
        assertEquals("0.20.1", version(cib));
        String before = cib.toXml();
        CibException e = assertThrows(CibException.class, () -> modify(cib, "", "<cib epoch=\"3\"/>"));
        assertEquals(CibError.OLD, e.error());
        assertEquals(before, cib.toXml());
    }

    @Test
    void queryOfAnAbsentSectionIsNoSuchAndNoChildrenIsShallow() throws Exception {
        Cib cib = Cib.empty();
        create(cib, "resources", primitive("r"));
        CibException e = assertThrows(CibException.class, () -> query(cib, "fencing-topology"));
        assertEquals(CibError.NOSUCH, e.error());
        String shallow = CibOperations.query(
                cib,
                req(CibOperation.CIB_QUERY)
                        .setScope("resources")
                        .setNoChildren(true)
                        .build(),
                OPTIONS);
        assertEquals("<resources/>\n", shallow);
        assertTrue(query(cib, "").startsWith("<cib"));
        assertTrue(query(cib, "resources").startsWith("<resources>"));
    }

    @Test
    void queryByXPathWrapsSeveralMatches() throws Exception {
        Cib cib = Cib.empty();
        create(cib, "resources", primitive("a"));
        create(cib, "resources", primitive("b"));
        String both = CibTestSupport.queryXPath(cib, "//primitive");
        assertTrue(both.startsWith("<xpath-query>"), both);
        String one = CibTestSupport.queryXPath(cib, "//primitive[@id='b']/@id");
        assertTrue(one.startsWith("<primitive"), one);
        assertFalse(one.contains("xpath-query"));
        CibException e = assertThrows(CibException.class, () -> CibTestSupport.queryXPath(cib, "//foo["));
        assertEquals(CibError.NOSUCH, e.error());
    }
}
