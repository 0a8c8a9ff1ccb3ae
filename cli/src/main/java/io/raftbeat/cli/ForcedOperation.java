package io.raftbeat.cli;

import io.raftbeat.agent.config.ResourceSpecs;
import io.raftbeat.agent.exec.AgentCall;
import io.raftbeat.agent.exec.AgentPaths;
import io.raftbeat.agent.exec.AgentResult;
import io.raftbeat.agent.exec.ExecStatus;
import io.raftbeat.agent.exec.ResourceAgents;
import io.raftbeat.proto.v1.ResourceSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * {@code crm_resource --force-start|--force-stop|--force-check}: one operation of a primitive's agent run on this
 * machine, bypassing the cluster, reported as Pacemaker's crm_resource reports it. The agent directories are the
 * standard ones unless the environment names others ({@code OCF_ROOT}, {@code RAFTBEAT_INIT_DIR},
 * {@code RAFTBEAT_HA_RESOURCE_DIR}, {@code RAFTBEAT_FENCE_DIR}, {@code RAFTBEAT_RUN_DIR}), as tests and the local
 * cluster's nodes need.
 */
final class ForcedOperation {
    private static final Duration TIMEOUT = Duration.ofSeconds(20); // Pacemaker's default operation timeout

    private final String name;
    private final String operation;

    /**
     * @param name Pacemaker's name for it: force-start, force-stop, force-check
     * @param operation the agent's operation: start, stop, monitor
     */
    ForcedOperation(String name, String operation) {
        this.name = name;
        this.operation = operation;
    }

    /** Runs the operation, prints what Pacemaker prints, and returns the agent's exit code as the process's. */
    int run(ResourceSpec spec, CliContext ctx) {
        AgentCall call = ResourceSpecs.call(spec, 0, TIMEOUT);
        AgentResult result = new ResourceAgents(paths(ctx.env())).run(spec.getResourceClass(), operation, call);
        String agent = spec.getResourceClass()
                + (spec.getProvider().isEmpty() ? "" : ":" + spec.getProvider())
                + ":" + spec.getType();
        String head = "Operation " + name + " for " + spec.getId() + " (" + agent + ")";
        if (result.status() == ExecStatus.DONE) {
            ctx.out().println(head + " returned " + result.rc() + " (" + PacemakerText.ocfName(result.rc()) + ")");
        } else {
            String why = result.exitReason().isEmpty() ? "" : ": " + result.exitReason();
            ctx.out()
                    .println(head + " could not be executed ("
                            + PacemakerText.execStatusName(result.status().code()) + why + ")");
        }
        if (!result.output().isEmpty()) {
            ctx.out().println(result.output()); // Pacemaker prints the agent's output after the result line
        }
        ctx.out().flush();
        if (result.rc() != 0) {
            ctx.err().println("crm_resource: Error performing operation: " + PacemakerText.exitName(result.rc()));
        }
        return result.rc();
    }

    static AgentPaths paths(Map<String, String> env) {
        AgentPaths d = AgentPaths.defaults();
        return new AgentPaths(
                dir(env, "OCF_ROOT", d.ocfRoot()),
                dir(env, "RAFTBEAT_INIT_DIR", d.initDir()),
                dir(env, "RAFTBEAT_HA_RESOURCE_DIR", d.haResourceDir()),
                dir(env, "RAFTBEAT_FENCE_DIR", d.fenceDir()),
                dir(env, "RAFTBEAT_RUN_DIR", d.runDir()));
    }

    private static Path dir(Map<String, String> env, String name, Path otherwise) {
        String value = env.get(name);
        return value == null || value.isBlank() ? otherwise : Path.of(value);
    }
}
