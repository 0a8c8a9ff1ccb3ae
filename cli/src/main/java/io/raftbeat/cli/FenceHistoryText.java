package io.raftbeat.cli;

import io.raftbeat.proto.v1.FenceOperation;
import io.raftbeat.proto.v1.FenceState;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Fence history as Pacemaker 2.1.5's tools print it (lib/fencing/st_output.c, stonith__history_description): one
 * line per operation, in a human form for crm_mon ({@code reboot of node2 by node1 for client@origin successful at
 * …}) or a technical one for stonith_admin ({@code reboot of node2 successful: delegate=node1, client=…, origin=…,
 * completed='…'}). Pure: the zone is a parameter.
 *
 * <p>Our {@code FenceOperation.origin} is "client on node" ("stonith_admin.123 on host1"): Pacemaker's client and
 * origin. An origin without " on " (the scheduler's) is the client, and its origin is the cluster's leader.
 */
final class FenceHistoryText {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final String ON = " on ";

    private final ZoneId zone;

    FenceHistoryText(ZoneId zone) {
        this.zone = zone;
    }

    /**
     * One operation's line. {@code fullHistory} says "completed" (stonith_admin -V, crm_mon's whole history) rather
     * than "last-…"; {@code laterSucceeded} names the node of a later success of the same failed action, or null.
     */
    String describe(FenceOperation op, boolean fullHistory, String laterSucceeded, boolean detail) {
        boolean finished = op.getState() == FenceState.FENCE_DONE || op.getState() == FenceState.FENCE_FAILED;
        StringBuilder s = new StringBuilder(action(op)).append(" of ").append(op.getTarget());
        String delegate = finished && !op.getDelegate().isEmpty() ? op.getDelegate() : null;
        if (!detail) {
            if (delegate != null) {
                s.append(" by ").append(delegate);
            }
            s.append(" for ").append(client(op)).append('@').append(originNode(op));
            if (!fullHistory) {
                s.append(" last");
            }
        }
        s.append(' ').append(stateWord(op.getState()));
        if (op.getState() == FenceState.FENCE_FAILED && !op.getDetail().isEmpty()) {
            s.append(" (").append(op.getDetail()).append(')');
        }
        String completed = finished && op.getCompletedMs() > 0 ? time(op.getCompletedMs()) : null;
        if (detail) {
            s.append(": ");
            if (delegate != null) {
                s.append("delegate=").append(delegate).append(", ");
            }
            s.append("client=").append(client(op)).append(", origin=").append(originNode(op));
            if (completed != null) {
                String label = fullHistory
                        ? "completed"
                        : op.getState() == FenceState.FENCE_FAILED ? "last-failed" : "last-successful";
                s.append(", ").append(label).append("='").append(completed).append('\'');
            }
        } else if (completed != null) {
            s.append(" at ").append(completed);
        }
        if (op.getState() == FenceState.FENCE_FAILED && laterSucceeded != null) {
            s.append(" (a later attempt from ").append(laterSucceeded).append(" succeeded)");
        }
        return s.toString();
    }

    /** crm_time_as_string with date, time of day and zone: {@code 2023-01-17 14:54:22 +01:00}, or {@code …Z} in UTC. */
    String time(long epochMs) {
        ZonedDateTime t = Instant.ofEpochMilli(epochMs).atZone(zone);
        int offset = t.getOffset().getTotalSeconds();
        if (offset == 0) {
            return TIME.format(t) + "Z";
        }
        int minutes = Math.abs(offset) / 60;
        return TIME.format(t) + String.format(" %c%02d:%02d", offset < 0 ? '-' : '+', minutes / 60, minutes % 60);
    }

    /** stonith__sort_history: pending operations first (newest request first), then by completion, newest first. */
    static List<FenceOperation> sorted(List<FenceOperation> history) {
        List<FenceOperation> pending = new ArrayList<>();
        List<FenceOperation> finished = new ArrayList<>();
        for (FenceOperation op : history) {
            (pending(op) ? pending : finished).add(op);
        }
        pending.sort(Comparator.comparingLong(FenceOperation::getRequestedMs).reversed());
        finished.sort(Comparator.comparingLong(FenceOperation::getCompletedMs).reversed());
        pending.addAll(finished);
        return pending;
    }

    /**
     * pcmk__reduce_fence_history over a sorted history: of the finished operations with the same target, action and
     * state (and, when failed, delegate) only the newest stays; pending ones all stay.
     */
    static List<FenceOperation> reduced(List<FenceOperation> sorted) {
        List<FenceOperation> kept = new ArrayList<>();
        for (FenceOperation op : sorted) {
            boolean repeat = !pending(op)
                    && kept.stream()
                            .anyMatch(k -> k.getTarget().equalsIgnoreCase(op.getTarget())
                                    && action(k).equalsIgnoreCase(action(op))
                                    && k.getState() == op.getState()
                                    && (op.getState() == FenceState.FENCE_DONE
                                            || k.getDelegate().equalsIgnoreCase(op.getDelegate())));
            if (!repeat) {
                kept.add(op);
            }
        }
        return kept;
    }

    /** stonith__later_succeeded: the delegate of a later success of the same action on the same target, or null. */
    static String laterSucceeded(FenceOperation failed, List<FenceOperation> history) {
        for (FenceOperation op : history) {
            if (op != failed
                    && op.getState() == FenceState.FENCE_DONE
                    && op.getTarget().equalsIgnoreCase(failed.getTarget())
                    && action(op).equals(action(failed))
                    && op.getCompletedMs() > failed.getCompletedMs()) {
                return op.getDelegate().isEmpty() ? null : op.getDelegate();
            }
        }
        return null;
    }

    static boolean pending(FenceOperation op) {
        return op.getState() != FenceState.FENCE_DONE && op.getState() != FenceState.FENCE_FAILED;
    }

    /** The action as the fencer names it; an unset action is a reboot (FenceRequest's default). */
    static String action(FenceOperation op) {
        return op.getAction().isEmpty() ? "reboot" : op.getAction();
    }

    static String client(FenceOperation op) {
        int on = op.getOrigin().lastIndexOf(ON);
        String client = on >= 0 ? op.getOrigin().substring(0, on) : op.getOrigin();
        return client.isEmpty() ? "unknown" : client;
    }

    static String originNode(FenceOperation op) {
        int on = op.getOrigin().lastIndexOf(ON);
        return on >= 0 ? op.getOrigin().substring(on + ON.length()) : "leader";
    }

    private static String stateWord(FenceState state) {
        return switch (state) {
            case FENCE_FAILED -> "failed";
            case FENCE_DONE -> "successful";
            default -> "pending";
        };
    }
}
