package io.raftbeat.leader;

import io.raftbeat.proto.v1.Action;
import io.raftbeat.proto.v1.ActionRef;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which finished actions the keyspace can drop: all but each node's recurring monitors in force (the last word on
 * a resource's monitor of that interval is a monitor that met its target, with no stop of the resource or cancel of
 * that monitor after it). An agent that starts again resumes exactly those, so they stay; the lrm history in the
 * CIB, not the keyspace, is the record of what ran. Pure.
 */
final class ActionRetention {
    private static final Comparator<Action> ISSUED =
            Comparator.comparingLong(Action::getTransitionId).thenComparingLong(ActionRetention::index);

    private ActionRetention() {}

    static List<ActionRef> finished(List<Action> actions) {
        List<Action> ordered =
                new ArrayList<>(actions.stream().filter(Action::hasResult).toList());
        ordered.sort(ISSUED);
        Map<String, Action> inForce = new HashMap<>(); // node/resource/interval -> the monitor that keeps running
        List<ActionRef> drop = new ArrayList<>();
        for (Action a : ordered) {
            String resource = a.getNode() + "/" + a.getResource().getId() + "/";
            boolean recurring = a.getOperation().equals("monitor") && a.getIntervalMs() > 0;
            if (recurring || a.getOperation().equals("cancel")) {
                Action before = inForce.remove(resource + a.getIntervalMs());
                if (before != null) {
                    drop.add(ActionDispatch.ref(before));
                }
            } else if (a.getOperation().equals("stop")) {
                inForce.keySet().stream()
                        .filter(k -> k.startsWith(resource))
                        .toList()
                        .forEach(k -> drop.add(ActionDispatch.ref(inForce.remove(k))));
            }
            boolean met = a.getResult().getRcCode() == a.getTargetRc()
                    && a.getResult().getOpStatus() == 0;
            if (recurring && met) {
                inForce.put(resource + a.getIntervalMs(), a);
            } else {
                drop.add(ActionDispatch.ref(a));
            }
        }
        return drop;
    }

    /** The number after the last ':' of "<transition>:<index>", or 0. */
    private static long index(Action a) {
        String id = a.getId();
        String tail = id.substring(id.lastIndexOf(':') + 1);
        return tail.matches("[0-9]{1,18}") ? Long.parseLong(tail) : 0;
    }
}
