package io.raftbeat.agent.exec;

import io.raftbeat.agent.heartbeat.HeartbeatAgent;
import io.raftbeat.agent.lsb.LsbAgent;
import io.raftbeat.agent.ocf.OcfAgent;
import io.raftbeat.agent.stonith.FenceDevice;
import io.raftbeat.agent.stonith.StonithAgent;
import io.raftbeat.agent.stonith.StonithFencer;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The resource agent classes of this machine by name ({@code ocf}, {@code lsb}, {@code heartbeat},
 * {@code stonith}), and the one entry point that runs an operation by Pacemaker's name. The node agent's runtime
 * and {@code crm_resource --force-*} both call {@link #run}. Thread-safe; it never throws for what an agent does or
 * for a bad class, operation or name: those come back as results.
 */
public final class ResourceAgents implements FenceDevice {
    private final Map<String, ResourceAgent> byClass;
    private final FenceDevice fencer;

    /** The standard classes over {@code paths}, killing timed-out agents after {@link ProcessRunner#DEFAULT_GRACE}. */
    public ResourceAgents(AgentPaths paths) {
        this(paths, new ProcessRunner());
    }

    /** The classes a node agent runs: every process they start carries {@code node}'s marker. */
    public ResourceAgents(AgentPaths paths, NodeProcesses node) {
        this(paths, new ProcessRunner(ProcessRunner.DEFAULT_GRACE, node));
    }

    public ResourceAgents(AgentPaths paths, ProcessRunner runner) {
        this.byClass = Map.of(
                "ocf", new OcfAgent(paths.ocfRoot(), paths.runDir(), runner),
                "lsb", new LsbAgent(paths.initDir(), runner),
                "heartbeat", new HeartbeatAgent(paths.haResourceDir(), runner),
                "stonith", new StonithAgent(paths.fenceDir(), paths.runDir(), runner));
        this.fencer = new StonithFencer(paths.fenceDir(), runner);
    }

    /** Fences {@code target} with the stonith device {@code call} names ({@link StonithFencer}). */
    @Override
    public AgentResult fence(AgentCall call, String action, String target) {
        return fencer.fence(call, action, target);
    }

    /** The executor of {@code resourceClass} (case-insensitive), empty when this machine has no such class. */
    public Optional<ResourceAgent> forClass(String resourceClass) {
        return Optional.ofNullable(byClass.get(resourceClass.toLowerCase(Locale.ROOT)));
    }

    /**
     * Runs {@code operation} (start, stop, monitor, meta-data, validate-all; for lsb and heartbeat, status is
     * monitor) of {@code call}'s agent. An unknown class gives rc 5 NOT_INSTALLED, an operation the class does not
     * have rc 3 NOT_SUPPORTED, both naming what is wrong; a monitor with an interval is a recurring monitor's poll.
     */
    public AgentResult run(String resourceClass, String operation, AgentCall call) {
        Optional<ResourceAgent> found = forClass(resourceClass);
        if (found.isEmpty()) {
            return AgentResults.notInstalled("unknown resource class '" + AgentResults.oneLine(resourceClass, 40)
                    + "' (this machine runs ocf, lsb, heartbeat and stonith agents)");
        }
        ResourceAgent agent = found.get();
        boolean statusIsMonitor = agent instanceof LsbAgent || agent instanceof HeartbeatAgent;
        return switch (operation) {
            case "start" -> agent.start(call);
            case "stop" -> agent.stop(call);
            case "monitor" -> agent.monitor(call);
            case "meta-data" -> agent.metaData(call);
            case "validate-all" -> agent.validate(call);
            case "status" -> statusIsMonitor ? agent.monitor(call) : unsupported(resourceClass, operation);
            default -> unsupported(resourceClass, operation);
        };
    }

    private static AgentResult unsupported(String resourceClass, String operation) {
        return AgentResults.notSupported("operation '" + AgentResults.oneLine(operation, 40) + "' is not supported for "
                + resourceClass + " resources (start, stop, monitor, meta-data, validate-all)");
    }
}
