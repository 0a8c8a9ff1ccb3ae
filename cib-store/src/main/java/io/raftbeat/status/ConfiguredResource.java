package io.raftbeat.status;

import java.util.List;
import java.util.Map;

/**
 * A resource of the configuration: a primitive (class, provider, type), or a group (or clone) holding others. Meta
 * attributes are the element's own merged over {@code rsc_defaults} (a group's are inherited by its members).
 */
public record ConfiguredResource(
        String id,
        Kind kind,
        String resourceClass,
        String provider,
        String type,
        Map<String, String> meta,
        List<ConfiguredResource> children) {
    public enum Kind {
        PRIMITIVE,
        GROUP,
        CLONE
    }

    public ConfiguredResource {
        meta = Map.copyOf(meta);
        children = List.copyOf(children);
    }

    /** {@code ocf:heartbeat:Dummy}, {@code lsb:cron}: the agent as Pacemaker names it in status output. */
    public String agent() {
        return provider.isEmpty() ? resourceClass + ":" + type : resourceClass + ":" + provider + ":" + type;
    }

    /** target-role Stopped: the administrator disabled it. */
    public boolean disabled() {
        return "stopped".equalsIgnoreCase(meta.getOrDefault("target-role", ""));
    }

    /** migration-threshold, default INFINITY. */
    public int migrationThreshold() {
        String v = meta.get("migration-threshold");
        return v == null ? Scores.INFINITY : Xml.score(v);
    }

    /** This resource and every resource below it, depth first. */
    public List<ConfiguredResource> primitives() {
        if (kind == Kind.PRIMITIVE) {
            return List.of(this);
        }
        return children.stream().flatMap(c -> c.primitives().stream()).toList();
    }
}
