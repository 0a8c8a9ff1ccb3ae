package io.raftbeat.cib;

import static io.raftbeat.cib.CibTestSupport.OPTIONS;
import static io.raftbeat.cib.CibTestSupport.create;
import static io.raftbeat.cib.CibTestSupport.primitive;
import static io.raftbeat.cib.CibTestSupport.req;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.raftbeat.proto.v1.Change;
import io.raftbeat.proto.v1.ChangeType;
import io.raftbeat.proto.v1.CibOperation;
import io.raftbeat.proto.v1.CibRequest;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Deltas, applied to a stored copy as the storage layer will, rebuild exactly the CIB after every operation. */
@Timeout(60)
class CibDeltaTest {
    /** What a store keeps: the skeleton and one value per key. */
    private static final class Store {
        byte[] skeleton;
        final Map<ElementKey, byte[]> parts = new TreeMap<>(Cib.KEY_ORDER);

        Store(Cib cib) {
            skeleton = cib.skeleton();
            parts.putAll(cib.parts());
        }

        void apply(CibDelta d) {
            skeleton = d.skeleton();
            d.deletes().forEach(parts::remove);
            parts.putAll(d.puts());
        }
    }

    private static CibRequest r(CibOperation op, String scope, String xml) {
        return req(op).setScope(scope).setXml(xml).build();
    }

    @Test
    void deltasReplayedOnAStoreRebuildTheSameCibAfterEveryOperation() throws Exception {
        Cib cib = Cib.empty();
        Store store = new Store(cib);
        List<CibRequest> ops = List.of(
                r(
                        CibOperation.CIB_CREATE,
                        "resources",
                        "<resources>" + primitive("a") + primitive("b") + primitive("c") + "</resources>"),
                r(CibOperation.CIB_CREATE, "status", "<node_state id=\"1\" uname=\"n1\"/>"),
                r(CibOperation.CIB_MODIFY, "", "<primitive id=\"b\" description=\"x\"/>"),
                r(CibOperation.CIB_DELETE, "", "<primitive id=\"a\"/>"),
                r(CibOperation.CIB_CREATE, "resources", primitive("d")),
                r(
                        CibOperation.CIB_REPLACE,
                        "resources",
                        "<primitive id=\"c\" class=\"ocf\" provider=\"pacemaker\" " + "type=\"Stateful\"/>"),
                r(
                        CibOperation.CIB_MODIFY,
                        "fencing-topology",
                        "<fencing-topology><fencing-level id=\"fl\" "
                                + "target=\"n1\" index=\"1\" devices=\"d\"/></fencing-topology>"),
                r(
                        CibOperation.CIB_REPLACE,
                        "resources",
                        "<resources>" + primitive("e") + primitive("d") + "</resources>"),
                req(CibOperation.CIB_REPLACE)
                        .setXpath("//primitive[@id='e']")
                        .setXml(primitive("f"))
                        .build(),
                req(CibOperation.CIB_DELETE_ALL)
                        .setXpath("//fencing-level")
                        .setForce(true)
                        .build(),
                req(CibOperation.CIB_BUMP).build(),
                r(CibOperation.CIB_MODIFY, "status", "<node_state id=\"1\" crmd=\"online\"/>"),
                req(CibOperation.CIB_ERASE).setForce(true).build(),
                r(CibOperation.CIB_CREATE, "resources", primitive("g")));
        for (CibRequest op : ops) {
            CibDelta d = CibOperations.apply(cib, op, OPTIONS);
            store.apply(d);
            Cib rebuilt = Cib.fromParts(store.skeleton, store.parts);
            assertEquals(cib.toXml(), rebuilt.toXml(), "after " + op.getOperation());
            assertEquals(cib.parts().keySet(), store.parts.keySet(), "keys after " + op.getOperation());
            // A member that restarted from its store goes on with equal keys.
            cib = rebuilt;
        }
    }

    @Test
    void replacingAnElementKeepsItsKey() throws Exception {
        Cib cib = Cib.empty();
        create(cib, "resources", "<resources>" + primitive("a") + primitive("b") + "</resources>");
        Map<ElementKey, byte[]> before = cib.parts();
        CibDelta d = CibOperations.apply(
                cib, r(CibOperation.CIB_REPLACE, "resources", primitive("a").replace("Dummy", "Stateful")), OPTIONS);
        assertEquals(before.keySet(), cib.parts().keySet());
        assertEquals(1, d.puts().size());
        assertEquals(
                new ElementKey("resources", 1), d.puts().keySet().iterator().next());
        assertTrue(d.deletes().isEmpty());
    }

    @Test
    void deleteReportsTheKeyAndAChangeWithThePath() throws Exception {
        Cib cib = Cib.empty();
        create(cib, "resources", "<resources>" + primitive("a") + primitive("b") + "</resources>");
        CibDelta d = CibOperations.apply(cib, r(CibOperation.CIB_DELETE, "", "<primitive id=\"b\"/>"), OPTIONS);
        assertEquals(java.util.Set.of(new ElementKey("resources", 2)), d.deletes());
        Change c = d.changes().get(0);
        assertEquals(ChangeType.CHANGE_DELETE, c.getType());
        assertEquals("/cib/configuration/resources/primitive[@id='b']", c.getPath());
        assertEquals("", c.getXml());
    }

    @Test
    void replacingASectionDeletesTheOldElementsAndPutsTheNew() throws Exception {
        Cib cib = Cib.empty();
        create(cib, "resources", "<resources>" + primitive("a") + primitive("b") + "</resources>");
        CibDelta d = CibOperations.apply(
                cib,
                r(CibOperation.CIB_REPLACE, "resources", "<resources>" + primitive("c") + "</resources>"),
                OPTIONS);
        List<String> seen =
                d.changes().stream().map(c -> c.getType() + ":" + c.getId()).toList();
        assertTrue(seen.contains("CHANGE_PUT:c"), seen.toString());
        assertTrue(seen.contains("CHANGE_DELETE:a"), seen.toString());
        assertTrue(seen.contains("CHANGE_DELETE:b"), seen.toString());
        assertEquals(
                1,
                cib.parts().keySet().stream()
                        .filter(k -> k.section().equals("resources"))
                        .count());
    }

    @Test
    void aNewSectionAppearsInTheSkeletonAndAGoneOneDisappears() throws Exception {
        Cib cib = Cib.empty();
        create(cib, "resources", primitive("d"));
        CibDelta d = CibOperations.apply(
                cib,
                r(
                        CibOperation.CIB_MODIFY,
                        "fencing-topology",
                        "<fencing-topology><fencing-level id=\"fl\" target=\"n1\" index=\"1\" devices=\"d\"/>"
                                + "</fencing-topology>"),
                OPTIONS);
        assertTrue(new String(d.skeleton()).contains("<fencing-topology/>"));
        assertTrue(d.puts().containsKey(new ElementKey("fencing-topology", 1)));
        CibDelta erase = CibOperations.apply(
                cib, req(CibOperation.CIB_ERASE).setForce(true).build(), OPTIONS);
        assertTrue(erase.deletes().contains(new ElementKey("fencing-topology", 1)));
        assertTrue(erase.deletes().contains(new ElementKey("resources", 1)));
        assertTrue(!new String(erase.skeleton()).contains("fencing-topology"));
    }

    @Test
    void anIdenticalSectionReplaceReportsNoChangeButKeepsTheStoreInStep() throws Exception {
        Cib cib = Cib.empty();
        create(cib, "resources", "<resources>" + primitive("a") + primitive("b") + primitive("c") + "</resources>");
        CibOperations.apply(cib, r(CibOperation.CIB_DELETE, "", "<primitive id=\"b\"/>"), OPTIONS);
        Store store = new Store(cib);
        CibDelta d = CibOperations.apply(
                cib,
                r(
                        CibOperation.CIB_REPLACE,
                        "resources",
                        "<resources>" + primitive("a") + primitive("c") + "</resources>"),
                OPTIONS);
        assertTrue(d.changes().isEmpty(), d.changes().toString());
        assertEquals("0.3.0", CibTestSupport.version(cib));
        store.apply(d);
        assertEquals(cib.parts().keySet(), store.parts.keySet());
        assertEquals(cib.toXml(), Cib.fromParts(store.skeleton, store.parts).toXml());
    }
}
