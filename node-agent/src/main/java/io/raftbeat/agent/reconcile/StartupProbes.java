package io.raftbeat.agent.reconcile;

import io.raftbeat.agent.config.ResourceSpecs;
import io.raftbeat.agent.report.Reporter;
import io.raftbeat.agent.state.ProbeTimeouts;
import io.raftbeat.proto.v1.OpResult;
import io.raftbeat.proto.v1.ResourceSpec;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Probes (one-shot monitor, interval 0) every configured primitive, as Pacemaker's controller does when a node
 * joins, so that the cluster learns what already runs here before it starts anything a second time. Probe results
 * carry target rc 7 (expected stopped) and no action id. Called by the start-up thread and after a rejoin.
 */
public final class StartupProbes {
    private static final Logger LOG = LoggerFactory.getLogger(StartupProbes.class);
    /** Pacemaker's expectation of a probe: the resource is not running here. */
    public static final int PROBE_TARGET_RC = 7;

    private final ResourceQueues queues;
    private final ResourceExecutor executor;
    private final Reporter reporter;

    public StartupProbes(ResourceQueues queues, ResourceExecutor executor, Reporter reporter) {
        this.queues = queues;
        this.executor = executor;
        this.reporter = reporter;
    }

    /**
     * Queues a probe of every primitive of {@code resourcesXml} on its resource's queue (before any action queued
     * later) and returns a latch that opens when all have been reported.
     */
    public CountDownLatch probe(String resourcesXml) {
        List<ResourceSpec> specs = ResourceSpecs.fromCib(resourcesXml);
        Map<String, Duration> timeouts = ProbeTimeouts.fromCib(resourcesXml);
        CountDownLatch done = new CountDownLatch(specs.size());
        LOG.info("probing {} resource(s)", specs.size());
        for (ResourceSpec spec : specs) {
            queues.submit(spec.getId(), () -> {
                try {
                    OpResult.Builder result =
                            executor.run(spec, "monitor", 0, ProbeTimeouts.of(timeouts, spec.getId()));
                    OpResult sent = reporter.report(result.setTargetRc(PROBE_TARGET_RC));
                    LOG.info("probe {}: rc {} op-status {}", spec.getId(), sent.getRcCode(), sent.getOpStatus());
                } finally {
                    done.countDown();
                }
            });
        }
        return done;
    }
}
