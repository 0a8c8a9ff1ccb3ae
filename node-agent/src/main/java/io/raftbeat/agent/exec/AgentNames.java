package io.raftbeat.agent.exec;

import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Checks the names that reach a path or an agent's environment before anything touches the filesystem: providers,
 * types and script names must match {@code [A-Za-z0-9._-]+} and not be {@code .} or {@code ..}; resource ids too,
 * with an optional clone-instance suffix {@code :N} as Pacemaker gives clone instances ({@code web:0}). A bad name
 * gives rc 2 (invalid parameter) with op-status ERROR_HARD and a one-line reason. Pure.
 */
public final class AgentNames {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]+");
    private static final Pattern RESOURCE_ID = Pattern.compile("[A-Za-z0-9._-]+(:[0-9]+)?");
    private static final Pattern PARAMETER = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]*");

    private AgentNames() {}

    /** The rc-2 result when {@code value} (the agent's {@code what}: provider, type …) is not a safe name. */
    public static Optional<AgentResult> check(String what, String value) {
        if (value == null
                || value.equals(".")
                || value.equals("..")
                || !NAME.matcher(value).matches()) {
            return Optional.of(invalid(what, value, "[A-Za-z0-9._-]+"));
        }
        return Optional.empty();
    }

    /** The rc-2 result when the resource id, which agents see as OCF_RESOURCE_INSTANCE, is not a safe name. */
    public static Optional<AgentResult> checkResourceId(String resourceId) {
        if (resourceId == null) {
            return Optional.of(invalid("resource id", null, "[A-Za-z0-9._-]+ with an optional :N"));
        }
        String base = resourceId.replaceFirst(":[0-9]+$", "");
        if (!RESOURCE_ID.matcher(resourceId).matches() || base.equals(".") || base.equals("..")) {
            return Optional.of(invalid("resource id", resourceId, "[A-Za-z0-9._-]+ with an optional :N"));
        }
        return Optional.empty();
    }

    /**
     * The rc-2 result when a parameter cannot be passed to an agent: its name must make an environment variable
     * name, and neither name nor value may hold a NUL byte (values may hold anything else, newlines too).
     */
    public static Optional<AgentResult> checkParameters(Map<String, String> parameters) {
        for (Map.Entry<String, String> p : parameters.entrySet()) {
            if (!PARAMETER.matcher(p.getKey()).matches()) {
                return Optional.of(invalid("parameter name", p.getKey(), "[A-Za-z0-9_][A-Za-z0-9._-]*"));
            }
            if (p.getValue().indexOf('\0') >= 0) {
                return Optional.of(AgentResults.invalid("parameter " + p.getKey() + " holds a NUL byte"));
            }
        }
        return Optional.empty();
    }

    private static AgentResult invalid(String what, String value, String rule) {
        return AgentResults.invalid("invalid " + what + " '" + AgentResults.oneLine(value == null ? "" : value, 80)
                + "': must match " + rule);
    }
}
