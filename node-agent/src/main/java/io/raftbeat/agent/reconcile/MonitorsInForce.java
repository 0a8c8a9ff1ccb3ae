package io.raftbeat.agent.reconcile;

import io.raftbeat.agent.monitor.MonitorKey;
import io.raftbeat.proto.v1.Action;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The recurring monitors a node's action list says should be running: each (resource, interval) whose last word,
 * in the order the actions were issued, is a recurring monitor that met its target, not a stop of the resource or a
 * cancel of that monitor. An agent that starts again resumes these, as its predecessor ran them. Pure.
 */
public final class MonitorsInForce {
    private static final Comparator<Action> ISSUED =
            Comparator.comparingLong(Action::getTransitionId).thenComparingLong(MonitorsInForce::index);

    private MonitorsInForce() {}

    public static List<Action> of(List<Action> actions) {
        Map<MonitorKey, Action> inForce = new LinkedHashMap<>();
        List<Action> ordered = new ArrayList<>(actions);
        ordered.sort(ISSUED);
        for (Action a : ordered) {
            if (!a.hasResult()) {
                continue; // not run yet: it will run, and decide for itself
            }
            String rsc = a.getResource().getId();
            MonitorKey key = new MonitorKey(rsc, a.getIntervalMs());
            switch (a.getOperation()) {
                case "stop" -> inForce.keySet().removeIf(k -> k.resourceId().equals(rsc));
                case "cancel" -> inForce.remove(key);
                case "monitor" -> {
                    if (a.getIntervalMs() > 0) {
                        boolean met = a.getResult().getRcCode() == a.getTargetRc()
                                && a.getResult().getOpStatus() == 0;
                        if (met) {
                            inForce.put(key, a);
                        } else {
                            inForce.remove(key);
                        }
                    }
                }
                default -> {}
            }
        }
        return List.copyOf(inForce.values());
    }

    /** The number after the last ':' of the action's id ("<transition>:<index>"), or 0. */
    private static long index(Action a) {
        String id = a.getId();
        String tail = id.substring(id.lastIndexOf(':') + 1);
        return tail.matches("[0-9]{1,18}") ? Long.parseLong(tail) : 0;
    }
}
