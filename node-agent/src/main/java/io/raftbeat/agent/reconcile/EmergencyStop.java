package io.raftbeat.agent.reconcile;

import io.raftbeat.agent.DaemonThreads;
import io.raftbeat.agent.monitor.RecurringMonitors;
import io.raftbeat.proto.v1.OpResult;
import io.raftbeat.proto.v1.ResourceSpec;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Self-fencing's first step: cancel every recurring monitor, then stop every resource that may run here
 * ({@link io.raftbeat.agent.state.ActiveResources}), all at once on threads of their own: not through the
 * resource queues, which may be busy with an action or a monitor poll that must not delay the stop. Results are
 * logged, not reported: the store is out of reach, and the probes after the rejoin tell it what runs. Called from
 * the self-fence watchdog; returns without waiting for the stops.
 */
public final class EmergencyStop implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmergencyStop.class);

    private final ResourceExecutor executor;
    private final RecurringMonitors monitors;
    private final ExecutorService pool = Executors.newCachedThreadPool(DaemonThreads.named("self-fence-stop"));

    public EmergencyStop(ResourceExecutor executor, RecurringMonitors monitors) {
        this.executor = executor;
        this.monitors = monitors;
    }

    public void stopAll() {
        monitors.cancelEverything();
        List<ResourceSpec> active = executor.active().list();
        LOG.warn(
                "self-fencing: stopping {} resource(s) at once: {}",
                active.size(),
                String.join(", ", active.stream().map(ResourceSpec::getId).toList()));
        for (ResourceSpec spec : active) {
            pool.execute(() -> {
                OpResult.Builder r = executor.run(spec, "stop", 0, ResourceExecutor.DEFAULT_TIMEOUT);
                LOG.warn(
                        "self-fencing: stop {} rc {} op-status {} {}",
                        spec.getId(),
                        r.getRcCode(),
                        r.getOpStatus(),
                        r.getExitReason());
            });
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
