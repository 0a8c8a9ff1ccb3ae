package io.raftbeat.raft;

import io.raftbeat.cib.Cib;
import io.raftbeat.cib.CibDelta;
import io.raftbeat.cib.CibException;
import io.raftbeat.cib.CibOptions;
import io.raftbeat.cib.OpResults;
import io.raftbeat.cib.StatusOperations;
import io.raftbeat.proto.v1.Action;
import io.raftbeat.proto.v1.Command;
import io.raftbeat.proto.v1.Event;
import io.raftbeat.proto.v1.OpResult;
import io.raftbeat.proto.v1.ReportResults;
import io.raftbeat.storage.ActionChanges;
import io.raftbeat.storage.CommittedCommand;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Applies ReportResults: each result into the node's lrm history and, when it names an action of that node that
 * has no result yet, into the action (a fence action's result goes only there, for the fencer to read). A result
 * its action already holds (same call id: an agent retrying a report whose answer it lost) is skipped, so a retry
 * never writes history twice. One "op-result" event, its summary ending with the results' exit reasons.
 * Deterministic; called by the apply thread under cibLock.
 */
final class ReportApplier {
    private ReportApplier() {}

    static CommittedCommand apply(
            long index, Command cmd, Cib cib, ActionTable table, CibOptions options, Event.Builder event)
            throws CibException {
        ReportResults report = cmd.getReport();
        String node = report.getNode();
        AgentRequests.requireValid(node, report.getResultsList());
        List<OpResult> fresh = new ArrayList<>();
        Map<String, Action> completed = new LinkedHashMap<>();
        for (OpResult r : report.getResultsList()) {
            if (r.getActionId().isEmpty()) {
                fresh.add(r);
                continue;
            }
            Action action = completed.getOrDefault(r.getActionId(), table.get(node, r.getActionId()));
            if (action != null && action.hasResult()) {
                if (action.getResult().getCallId() != r.getCallId()) {
                    fresh.add(r); // a second, different result of one action: history only
                }
                continue;
            }
            if (action == null || action.getFenceTarget().isEmpty()) {
                fresh.add(r); // a fence action's result belongs to the fencing history, which the fencer writes
            }
            if (action != null) {
                completed.put(r.getActionId(), action.toBuilder().setResult(r).build());
            }
        }
        CibDelta delta = StatusOperations.report(cib, node, fresh, options);
        ActionChanges changes = new ActionChanges(List.copyOf(completed.values()), List.of());
        Set<String> resources = fresh.stream().map(r -> r.getResource().getId()).collect(Collectors.toSet());
        event.setKind("op-result")
                .setNode(node)
                .setResource(resources.size() == 1 ? resources.iterator().next() : "")
                .setSummary(
                        fresh.isEmpty() && !completed.isEmpty()
                                ? fenceSummary(node, completed.values())
                                : summary(node, report.getResultsCount(), fresh))
                .addAllChanges(delta.changes())
                .addAllChanges(ActionEvents.changes(changes))
                .setVersion(cib.version());
        return new CommittedCommand(index, cmd.getTimeUnixMs(), delta, event.build(), null, "", changes);
    }

    private static String fenceSummary(String node, Collection<Action> fenceActions) {
        return fenceActions.stream()
                .map(a -> a.getOperation() + " of " + a.getFenceTarget() + " by device "
                        + a.getResource().getId()
                        + " on " + node + ": " + (OpResults.isFailure(a.getResult()) ? "failed" : "done")
                        + (OpResults.reason(a.getResult()).isEmpty()
                                ? ""
                                : " (" + OpResults.reason(a.getResult()) + ")"))
                .collect(Collectors.joining("; "));
    }

    private static String summary(String node, int reported, List<OpResult> fresh) {
        if (fresh.size() == 1) {
            return OpResults.describe(fresh.get(0), node);
        }
        long failed = fresh.stream().filter(OpResults::isFailure).count();
        String text = fresh.size() + " results on " + node + (failed > 0 ? " (" + failed + " failed)" : "");
        int repeated = reported - fresh.size();
        text = repeated == 0 ? text : text + "; " + repeated + " already recorded";
        // An exit reason (e.g. a Heartbeat script's compliance warning) is for the operator: never drop it.
        String reasons = fresh.stream()
                .filter(r -> !OpResults.reason(r).isEmpty())
                .map(r -> r.getResource().getId() + ": " + OpResults.reason(r))
                .distinct()
                .collect(Collectors.joining("; "));
        return reasons.isEmpty() ? text : text + ": " + reasons;
    }
}
