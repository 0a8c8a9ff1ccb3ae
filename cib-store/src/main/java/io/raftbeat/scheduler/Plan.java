package io.raftbeat.scheduler;

import io.raftbeat.status.ConfiguredResource;
import java.util.List;

/**
 * The scheduler's working decision for one primitive: where it runs now, where it should run, whether it failed
 * there, and what the ordering constraints did to it (its start made unrunnable, or a restart forced). Mutable
 * while {@link Orderings} settles it; used on one thread.
 */
final class Plan {
    final ConfiguredResource resource;
    final List<String> current;
    final boolean managed;
    final boolean failed;
    String next;
    boolean runnable;
    boolean restart;
    /** Only reloadable parameters changed and the agent can reload: a reload where it stays, nothing otherwise. */
    boolean reload;

    boolean stopBlocked;
    String reason;

    Plan(ConfiguredResource resource, List<String> current, String next, boolean managed, boolean failed) {
        this.resource = resource;
        this.current = List.copyOf(current);
        this.next = next;
        this.managed = managed;
        this.failed = failed;
        this.runnable = next != null;
    }

    String id() {
        return resource.id();
    }

    /** Runs where it should already, with nothing wrong: no action unless an ordering forces a restart. */
    boolean stays() {
        return current.size() == 1 && current.get(0).equals(next) && !failed && !restart;
    }

    /** It will stop where it runs now (a stop, move, recovery or restart). */
    boolean stopping() {
        return managed && !current.isEmpty() && !stays();
    }

    /** It will start somewhere in this transition (a start, move, recovery or restart). */
    boolean starting() {
        return managed && runnable && next != null && !stays();
    }

    /** After the transition it runs (or, unmanaged, keeps running). */
    boolean runningAfter() {
        return managed ? runnable && next != null : !current.isEmpty();
    }
}
