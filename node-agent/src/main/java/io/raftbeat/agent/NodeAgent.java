package io.raftbeat.agent;

import io.grpc.ClientInterceptor;
import io.raftbeat.agent.exec.NodeProcesses;
import io.raftbeat.agent.exec.ResourceAgents;
import io.raftbeat.agent.lease.Backoff;
import io.raftbeat.agent.lease.Lease;
import io.raftbeat.agent.lease.LeaseDeadline;
import io.raftbeat.agent.lease.SelfFence;
import io.raftbeat.agent.lease.StoreMembers;
import io.raftbeat.agent.lease.StoreUnavailableException;
import io.raftbeat.agent.monitor.ComplianceWarnings;
import io.raftbeat.agent.monitor.RecurringMonitors;
import io.raftbeat.agent.reconcile.ActionRunner;
import io.raftbeat.agent.reconcile.EmergencyStop;
import io.raftbeat.agent.reconcile.FenceActions;
import io.raftbeat.agent.reconcile.OperationExecutor;
import io.raftbeat.agent.reconcile.ResourceExecutor;
import io.raftbeat.agent.reconcile.ResourceQueues;
import io.raftbeat.agent.reconcile.StartupProbes;
import io.raftbeat.agent.report.Reporter;
import io.raftbeat.agent.state.CallIds;
import io.raftbeat.agent.state.NodeHistory;
import io.raftbeat.agent.state.StoreReads;
import io.raftbeat.agent.watch.ActionWatch;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running node agent: wires the lease, the reporter, the resource queues, the monitors and the action watch,
 * and brings them up in the order the cluster relies on: join, number calls above the node's history, probe every
 * configured resource, and only then run actions. {@link #leave} is the clean stop (SIGTERM): the node is marked
 * shutting down, the cluster stops or moves its resources through the usual actions, then it leaves. {@link #close}
 * stops as a crash would, without leaving or stopping anything: a restarted agent finds them running by probing.
 * Every process it starts for a resource carries the marker {@code RAFTBEAT_NODE=<node>} and runs in the node's
 * cgroup where the machine has cgroup2 ({@link NodeProcesses}); the clean stop removes that cgroup once empty. With
 * self-fencing on, a lease it cannot renew stops, then kills, them ({@link SelfFence}).
 */
public final class NodeAgent implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(NodeAgent.class);
    private static final int RESOURCE_THREADS = 8;

    private final AgentOptions options;
    private final StoreMembers members;
    // The lease's own channels: heartbeats go straight to the leader and never queue behind a large report.
    private final StoreMembers leaseMembers;
    private final CallIds callIds = new CallIds();
    private final Reporter reporter;
    private final ResourceQueues queues = new ResourceQueues(RESOURCE_THREADS);
    private final ResourceExecutor executor;
    private final RecurringMonitors monitors;
    private final StartupProbes probes;
    private final ActionWatch watch;
    private final Lease lease;
    private final ExecutorService reprobes = Executors.newSingleThreadExecutor(DaemonThreads.named("reprobe"));
    private final AtomicBoolean reprobePending = new AtomicBoolean();
    private final ShutdownDrain drain;
    private final NodeProcesses processes;
    private final FenceActions fences;
    private final EmergencyStop emergency;
    private final SelfFence selfFence;
    private volatile boolean joined;
    private volatile boolean stopping;

    /** An agent not yet started, running this machine's resource agents ({@link ResourceAgents}). */
    public NodeAgent(AgentOptions options) {
        this(options, UnaryOperator.identity(), List.of());
    }

    /**
     * As above, each operation going through {@code operations} (tests count them) and every call to the store
     * through {@code network} (tests cut the agent off there).
     */
    NodeAgent(AgentOptions options, UnaryOperator<OperationExecutor> operations, List<ClientInterceptor> network) {
        this.options = options;
        this.processes = NodeProcesses.tracked(options.node(), options.paths().runDir());
        ResourceAgents agents = new ResourceAgents(options.paths(), processes);
        this.members = new StoreMembers(options.servers(), network);
        this.reporter = new Reporter(options.node(), members, callIds);
        this.executor = new ResourceExecutor(operations.apply(agents::run), new ComplianceWarnings());
        this.monitors = new RecurringMonitors(queues, executor, reporter);
        this.probes = new StartupProbes(queues, executor, reporter);
        this.fences = new FenceActions(options.node(), agents);
        this.emergency = new EmergencyStop(executor, monitors);
        LeaseDeadline deadline = new LeaseDeadline(options.lease());
        this.selfFence = new SelfFence(deadline, new SelfFence.Steps() {
            @Override
            public void stopAll() {
                emergency.stopAll();
            }

            @Override
            public int killAll() throws InterruptedException {
                return processes.killAll();
            }

            @Override
            public void regained() {
                reprobe();
            }
        });
        ActionRunner runner =
                new ActionRunner(options.node(), queues, executor, monitors, reporter, fences, selfFence::lost);
        this.drain = new ShutdownDrain(members, options.node(), reporter, runner::idle, Clock.systemUTC());
        this.watch = new ActionWatch(members, options.node(), runner::listed, runner::offer);
        this.leaseMembers = new StoreMembers(options.servers(), network);
        this.lease =
                new Lease(leaseMembers, options.node(), options.lease(), options.heartbeat(), this::reprobe, deadline);
    }

    /**
     * Returns once the agent has joined, probed and started watching its actions; blocks while no leader answers.
     * Returns early when {@link #close} or {@link #leave} is called meanwhile (from another thread).
     */
    public void start() throws InterruptedException {
        LOG.info("agent {} starting (servers {})", options.node(), String.join(",", options.servers()));
        reporter.start();
        if (!lease.join()) {
            return;
        }
        joined = true;
        lease.start();
        if (options.selfFence()) {
            selfFence.start();
        } else {
            LOG.warn("self-fencing is off: this node's resources keep running when its lease is lost");
        }
        String resources = readWithRetry(true);
        if (resources == null) {
            return;
        }
        CountDownLatch probed = probes.probe(resources);
        // Actions wait for the probes: the cluster must learn what runs here before anything starts twice.
        while (!stopping && !probed.await(200, TimeUnit.MILLISECONDS)) {}
        if (!stopping) {
            watch.start();
            LOG.info("agent {} running", options.node());
        }
    }

    /** Reads the node's history (seeding call-ids) when asked, then the resources section; null when stopping. */
    private String readWithRetry(boolean seedCallIds) throws InterruptedException {
        StoreReads reads = new StoreReads(members);
        Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(2));
        while (!stopping) {
            try {
                if (seedCallIds) {
                    callIds.seed(NodeHistory.highestCallId(reads.nodeState(options.node())));
                }
                return reads.resources();
            } catch (StoreUnavailableException e) {
                LOG.warn("cannot read the CIB yet: {}", e.getMessage());
                if (!backoff.pause()) {
                    throw new InterruptedException();
                }
            }
        }
        return null;
    }

    /**
     * After a rejoin the cluster may think nothing runs here, after self-fencing that everything still does: probe
     * everything again, behind queued actions (once, when a rejoin and the end of self-fencing both ask).
     */
    private void reprobe() {
        if (!reprobePending.compareAndSet(false, true)) {
            return;
        }
        reprobes.execute(() -> {
            reprobePending.set(false);
            try {
                String resources = readWithRetry(false);
                if (resources != null) {
                    probes.probe(resources);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    public ResourceExecutor executor() {
        return executor;
    }

    /** The processes this agent started for its resources (marker {@code RAFTBEAT_NODE=<node>}, its cgroup). */
    public NodeProcesses processes() {
        return processes;
    }

    /**
     * SIGTERM: once joined, mark the node shutting down and keep running actions until the cluster has stopped or
     * moved its resources (or the shutdown timeout passed); then stop watching, report what is done and leave the
     * cluster (offline, clean). Called from another thread than {@link #start}, which goes on meanwhile.
     */
    public void leave() {
        if (joined && !stopping) {
            try {
                drain.run(options.shutdownTimeout());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        stopping = true;
        selfFence.close(); // a clean stop stops heartbeating on purpose
        watch.close();
        monitors.close();
        queues.close(Duration.ofSeconds(2));
        try {
            if (!reporter.flush(Duration.ofSeconds(5))) {
                LOG.warn("leaving with results not yet acknowledged");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        lease.leave(Duration.ofSeconds(5));
        shutdown();
        processes.close();
    }

    /** Stops as a crash would: no Leave, so the leader declares the node lost when its lease runs out. */
    @Override
    public void close() {
        stopping = true;
        selfFence.close();
        lease.close();
        watch.close();
        monitors.close();
        queues.close();
        shutdown();
    }

    private void shutdown() {
        reprobes.shutdownNow();
        fences.close();
        emergency.close();
        reporter.close();
        members.close();
        leaseMembers.close();
    }
}
