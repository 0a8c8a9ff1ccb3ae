package io.raftbeat.raft;

import io.raftbeat.cib.Cib;
import io.raftbeat.cib.CibDelta;
import io.raftbeat.cib.CibException;
import io.raftbeat.cib.CibOperations;
import io.raftbeat.cib.CibOptions;
import io.raftbeat.proto.v1.Change;
import io.raftbeat.proto.v1.CibRequest;
import io.raftbeat.proto.v1.Command;
import io.raftbeat.proto.v1.Event;
import io.raftbeat.proto.v1.Member;
import io.raftbeat.proto.v1.RecordEvent;
import io.raftbeat.proto.v1.SetMember;
import io.raftbeat.storage.CommittedCommand;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Applies one decoded command to the CIB, the member table and the actions and says what to persist; agent commands are
 * delegated to {@link NodeChangeApplier}, {@link ReportApplier} and {@link ActionUpdateApplier}. Deterministic: it
 * reads only the command (its time included), the CIB, the member table, the actions and the fencing history, and
 * changes neither the table, the actions nor the history itself. Called by the apply thread, under cibLock.
 */
final class CommandApplier {
    private final CibOptions options;

    CommandApplier(CibOptions options) {
        this.options = options;
    }

    /**
     * Applies {@code cmd} as revision {@code revision}. On a CibException the CIB is unchanged and nothing is to
     * be persisted but the applied index.
     */
    CommittedCommand apply(
            long index,
            Command cmd,
            Cib cib,
            List<Member> members,
            ActionTable actions,
            FenceTable fencing,
            long revision)
            throws CibException {
        Event.Builder event = Event.newBuilder()
                .setRevision(revision)
                .setTimeUnixMs(cmd.getTimeUnixMs())
                .setClient(cmd.getClient());
        switch (cmd.getBodyCase()) {
            case CIB -> {
                CibDelta delta = CibOperations.apply(cib, cmd.getCib(), options);
                event.setKind("cib-update")
                        .setNode(common(delta.changes(), Change::getNode))
                        .setResource(common(
                                delta.changes().stream()
                                        .filter(c -> c.getSection().equals("resources"))
                                        .toList(),
                                Change::getId))
                        .setSummary(summary(cmd.getCib(), delta))
                        .addAllChanges(delta.changes())
                        .setVersion(cib.version());
                return new CommittedCommand(
                        index,
                        cmd.getTimeUnixMs(),
                        delta,
                        event.build(),
                        null,
                        cmd.getCib().getRequestId());
            }
            case RECORD -> {
                RecordEvent r = cmd.getRecord();
                event.setKind(r.getKind())
                        .setNode(r.getNode())
                        .setResource(r.getResource())
                        .setSummary(r.getSummary())
                        .setVersion(cib.version());
                return new CommittedCommand(index, cmd.getTimeUnixMs(), null, event.build(), null);
            }
            case SET_MEMBER -> {
                SetMember m = cmd.getSetMember();
                List<Member> table = withMember(members, m);
                event.setKind("member-change")
                        .setSummary((m.getRemove() ? "removed member " : "member ") + describe(m.getMember()))
                        .setVersion(cib.version());
                return new CommittedCommand(index, cmd.getTimeUnixMs(), null, event.build(), table);
            }
            case NODE_JOIN, NODE_LOST, NODE_LEAVE -> {
                return NodeChangeApplier.apply(index, cmd, cib, options, event);
            }
            case REPORT -> {
                return ReportApplier.apply(index, cmd, cib, actions, options, event);
            }
            case FENCE_STEP -> {
                return FenceStepApplier.apply(index, cmd, cib, actions, fencing, options, revision, event);
            }
            case UPDATE_ACTIONS -> {
                return ActionUpdateApplier.apply(index, cmd, actions, event.setVersion(cib.version()));
            }
            default ->
                throw new CibException(
                        io.raftbeat.cib.CibError.PROTOCOL, "Raft entry " + index + " carries no known command");
        }
    }

    private static List<Member> withMember(List<Member> members, SetMember m) {
        List<Member> table = new ArrayList<>();
        for (Member existing : members) {
            if (!existing.getId().equals(m.getMember().getId())) {
                table.add(existing);
            }
        }
        if (!m.getRemove()) {
            // Only the static facts are replicated; leader/reachable/revision are computed when asked.
            table.add(Member.newBuilder()
                    .setId(m.getMember().getId())
                    .setRaftAddress(m.getMember().getRaftAddress())
                    .setGrpcAddress(m.getMember().getGrpcAddress())
                    .build());
        }
        return List.copyOf(table);
    }

    /** The value every change shares (the node, the resource), or "" when they differ or there are none. */
    private static String common(List<Change> changes, Function<Change, String> field) {
        Set<String> values = changes.stream().map(field).collect(Collectors.toSet());
        return values.size() == 1 ? values.iterator().next() : "";
    }

    private static String describe(Member m) {
        return m.getId() + " (raft " + m.getRaftAddress() + ", grpc " + m.getGrpcAddress() + ")";
    }

    private static String summary(CibRequest r, CibDelta delta) {
        String op = r.getOperation().name().replaceFirst("^CIB_", "").toLowerCase(Locale.ROOT);
        String where = !r.getXpath().isEmpty() ? r.getXpath() : r.getScope().isEmpty() ? "cib" : r.getScope();
        int n = delta.changes().size();
        return op + " " + where + ": " + n + (n == 1 ? " change" : " changes");
    }
}
