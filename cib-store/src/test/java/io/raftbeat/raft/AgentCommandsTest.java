package io.raftbeat.raft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.alipay.sofa.jraft.entity.RaftOutter.SnapshotMeta;
import com.alipay.sofa.jraft.storage.snapshot.SnapshotReader;
import com.google.protobuf.Message;
import io.raftbeat.proto.v1.Action;
import io.raftbeat.proto.v1.ActionRef;
import io.raftbeat.proto.v1.Change;
import io.raftbeat.proto.v1.Command;
import io.raftbeat.proto.v1.Event;
import io.raftbeat.proto.v1.OpResult;
import io.raftbeat.proto.v1.ResourceSpec;
import io.raftbeat.proto.v1.UpdateActionsRequest;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The agent commands through the state machine: CIB, actions keyspace and events, replay, restart, snapshot. */
@Timeout(60)
class AgentCommandsTest extends AbstractStateMachineTest {
    static Action action(String node, String id) {
        return Action.newBuilder()
                .setId(id)
                .setNode(node)
                .setTransitionId(1)
                .setResource(ResourceSpec.newBuilder()
                        .setId("d1")
                        .setResourceClass("ocf")
                        .setProvider("heartbeat")
                        .setType("Dummy"))
                .setOperation("start")
                .setTimeoutMs(20000)
                .build();
    }

    static OpResult startResult(String actionId, long callId) {
        return OpResult.newBuilder()
                .setResource(action("node1", actionId).getResource())
                .setOperation("start")
                .setCallId(callId)
                .setActionId(actionId)
                .setTransitionId(1)
                .build();
    }

    private static Command put(Action... actions) {
        return COMMANDS.updateActions(
                UpdateActionsRequest.newBuilder().addAllPut(List.of(actions)).build(), "test");
    }

    private static List<Event> events(Member m, long after) throws Exception {
        return m.store().readEvents(after, 100);
    }

    private static String status(Member m) throws Exception {
        return m.fsm().read((cib, rev) -> cib.toXml());
    }

    @Test
    void joinReportAndActionsMakeOneEventEachWithTheirChanges() throws Exception {
        Member m = member("a");
        m.fsm()
                .onApply(new LogEntries(
                        1,
                        List.of(
                                COMMANDS.nodeJoin("node1"),
                                put(action("node1", "1:0"), action("node2", "1:1")),
                                COMMANDS.report("node1", List.of(startResult("1:0", 4))),
                                COMMANDS.nodeLost("node1", "lease expired after 1000 ms without a heartbeat"))));
        List<Event> ev = events(m, 0);
        assertEquals(
                List.of("node-join", "actions-update", "op-result", "node-lost"),
                ev.stream().map(Event::getKind).toList());
        assertEquals("node1 joined", ev.get(0).getSummary());
        assertEquals(
                Set.of("nodes", "status"),
                Set.copyOf(ev.get(0).getChangesList().stream()
                        .map(Change::getSection)
                        .toList()));
        Change put = ev.get(1).getChanges(0);
        assertEquals("actions", put.getSection());
        assertEquals("/actions/node1/1:0", put.getPath());
        assertEquals("node1", put.getNode());
        assertEquals("d1 start on node1: ok (rc 0)", ev.get(2).getSummary());
        assertEquals("d1", ev.get(2).getResource());
        Change completed = ev.get(2).getChangesList().stream()
                .filter(c -> c.getSection().equals("actions"))
                .findFirst()
                .orElseThrow();
        assertEquals(4, completed.getAction().getResult().getCallId());
        assertEquals(
                "node1 lost (offline, unclean): lease expired after 1000 ms without a heartbeat",
                ev.get(3).getSummary());
        String xml = status(m);
        assertTrue(xml.contains("crmd=\"offline\" expected=\"member\""), xml);
        assertTrue(xml.contains("d1_last_0"), xml);
        Action stored = m.fsm().read((cib, rev) -> m.fsm().actions().get("node1", "1:0"));
        assertEquals(4, stored.getResult().getCallId());

        // The operator reads an exit reason (a Heartbeat script's compliance warning) in the event log.
        String warning = "heartbeat:web status printed nothing, so the resource counts as not running";
        OpResult warned = OpResult.newBuilder()
                .setResource(ResourceSpec.newBuilder()
                        .setId("web")
                        .setResourceClass("heartbeat")
                        .setType("web"))
                .setOperation("monitor")
                .setIntervalMs(10000)
                .setRcCode(7)
                .setTargetRc(0)
                .setCallId(5)
                .setExitReason(warning + "\n")
                .build();
        m.fsm()
                .onApply(new LogEntries(
                        5,
                        List.of(
                                COMMANDS.report("node1", List.of(warned)),
                                COMMANDS.report(
                                        "node1",
                                        List.of(
                                                startResult("", 6),
                                                warned.toBuilder().setCallId(7).build())))));
        List<Event> more = events(m, ev.get(3).getRevision());
        assertEquals(
                "web monitor (10000 ms) on node1: not running (rc 7): " + warning,
                more.get(0).getSummary());
        assertEquals(
                "2 results on node1 (1 failed): web: " + warning, more.get(1).getSummary());
    }

    @Test
    void retriedReportIsNoOpAndReplacedActionLosesItsResult() throws Exception {
        Member m = member("a");
        Command report = COMMANDS.report("node1", List.of(startResult("1:0", 4)));
        m.fsm().onApply(new LogEntries(1, List.of(put(action("node1", "1:0")), report, report)));
        List<Event> ev = events(m, 0);
        assertEquals(3, ev.size());
        assertEquals(0, ev.get(2).getChangesCount(), ev.get(2).toString());
        assertEquals(ev.get(1).getVersion(), ev.get(2).getVersion(), "nothing written twice");

        m.fsm().onApply(new LogEntries(4, List.of(put(action("node1", "1:0")))));
        Action replaced = m.fsm().read((cib, rev) -> m.fsm().actions().get("node1", "1:0"));
        assertFalse(replaced.hasResult());
    }

    @Test
    void replayIsNoOpAndActionsSurviveRestart() throws Exception {
        Member m = member("a");
        List<Command> log = List.of(
                put(action("node1", "a"), action("node1", "b")),
                COMMANDS.updateActions(
                        UpdateActionsRequest.newBuilder()
                                .addDelete(
                                        ActionRef.newBuilder().setNode("node1").setId("a"))
                                .addDelete(
                                        ActionRef.newBuilder().setNode("node1").setId("missing"))
                                .build(),
                        "test"));
        m.fsm().onApply(new LogEntries(1, log));
        assertEquals(1, events(m, 1).get(0).getChangesCount(), "deleting a missing action changes nothing");
        long revision = m.store().revision();
        m.fsm().onApply(new LogEntries(1, log));
        assertEquals(revision, m.store().revision());

        close();
        Member again = member("a");
        List<Action> listed =
                again.fsm().read((cib, rev) -> again.fsm().actions().list("node1"));
        assertEquals(List.of("b"), listed.stream().map(Action::getId).toList());
    }

    @Test
    void snapshotCarriesActionsToAnotherMember() throws Exception {
        Member a = member("a");
        a.fsm()
                .onApply(new LogEntries(
                        1,
                        List.of(
                                put(action("node1", "1:0")),
                                COMMANDS.report("node1", List.of(startResult("1:0", 9))))));
        Path snapshot = java.nio.file.Files.createDirectories(dir.resolve("snapshot"));
        a.store().checkpoint(snapshot.resolve(SnapshotFiles.STATE_DIR));

        Member b = member("b");
        assertTrue(b.fsm().onSnapshotLoad(reader(snapshot, 2)));
        Action restored = b.fsm().read((cib, rev) -> b.fsm().actions().get("node1", "1:0"));
        assertEquals(9, restored.getResult().getCallId());
        assertNull(b.fsm().read((cib, rev) -> b.fsm().actions().get("node1", "other")));
        assertTrue(status(b).contains("d1_last_0"));
    }

    private static SnapshotReader reader(Path path, long index) {
        return new SnapshotReader() {
            @Override
            public SnapshotMeta load() {
                return SnapshotMeta.newBuilder()
                        .setLastIncludedIndex(index)
                        .setLastIncludedTerm(1)
                        .build();
            }

            @Override
            public String generateURIForCopy() {
                return "";
            }

            @Override
            public String getPath() {
                return path.toString();
            }

            @Override
            public Set<String> listFiles() {
                return Set.of();
            }

            @Override
            public Message getFileMeta(String fileName) {
                return null;
            }

            @Override
            public boolean init(Void opts) {
                return true;
            }

            @Override
            public void shutdown() {}

            @Override
            public void close() {}
        };
    }
}
