package io.raftbeat.server;

import com.alipay.sofa.jraft.Node;
import com.alipay.sofa.jraft.RaftGroupService;
import com.alipay.sofa.jraft.Status;
import com.alipay.sofa.jraft.conf.Configuration;
import com.alipay.sofa.jraft.entity.PeerId;
import com.alipay.sofa.jraft.option.NodeOptions;
import com.alipay.sofa.jraft.rpc.RaftRpcServerFactory;
import com.alipay.sofa.jraft.rpc.RpcServer;
import com.alipay.sofa.jraft.rpc.impl.BoltRpcServer;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.raftbeat.leader.Fencer;
import io.raftbeat.leader.LeaseTracker;
import io.raftbeat.leader.LivenessMonitor;
import io.raftbeat.leader.TransitionEngine;
import io.raftbeat.proto.v1.Member;
import io.raftbeat.raft.CibStateMachine;
import io.raftbeat.raft.Commands;
import io.raftbeat.raft.RaftCibStore;
import io.raftbeat.schema.JingSchemaValidator;
import io.raftbeat.schema.SchemaException;
import io.raftbeat.storage.RocksCibStore;
import io.raftbeat.watch.WatchHub;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running store member: the state DB (DATA/state), the watch hub, the CIB state machine, the jraft node (log
 * and meta in DATA/raft, its RPC bound to the configured Raft address only) and the gRPC API. Started and closed by
 * {@link StoreMain} or a test cluster.
 */
public final class StoreMember implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StoreMember.class);
    private static final String GROUP = "raftbeat";
    private static final int WATCH_TAIL = 4096;

    private final StoreOptions options;
    private final RocksCibStore store;
    private final WatchHub hub;
    private final Commands commands = new Commands(Clock.systemUTC());
    /** Proposes what the apply thread asks for (the leader-change event) without blocking that thread. */
    private final ExecutorService proposer = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "leader-events");
        t.setDaemon(true);
        return t;
    });

    private final ScheduledExecutorService leaderTasks = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "liveness");
        t.setDaemon(true);
        return t;
    });
    private final LivenessMonitor liveness;
    private final ScheduledExecutorService schedulerThread = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "scheduler");
        t.setDaemon(true);
        return t;
    });
    private final TransitionEngine transitions;
    private final ScheduledExecutorService fencerThread = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "fencer");
        t.setDaemon(true);
        return t;
    });
    private final Fencer fencer;

    private RaftGroupService group;
    private volatile RaftCibStore raft; // set once jraft started; the liveness thread may ask for it earlier
    private LeaderLocator leaders;
    private Server grpc;

    private StoreMember(StoreOptions options) throws Exception {
        this.options = options;
        this.store = RocksCibStore.open(options.dataDir().resolve("state"), options.retention());
        this.hub = new WatchHub(store, WATCH_TAIL, 2, e -> GrpcErrors.of(e, ""));
        this.liveness = new LivenessMonitor(
                () -> raft, commands, options.leaseMs(), new LeaseTracker(System::nanoTime), leaderTasks);
        this.fencer = new Fencer(() -> raft, commands, fencerThread, Clock.systemUTC(), options.id(), liveness::forget);
        this.transitions = new TransitionEngine(() -> raft, commands, schedulerThread, Clock.systemUTC(), fencer);
        hub.onRevision(transitions::wake);
        hub.onRevision(fencer::wake);
    }

    /** Starts a member; on failure everything started so far is closed again. */
    public static StoreMember start(StoreOptions options) throws Exception {
        StoreMember m = new StoreMember(options);
        try {
            m.startRaft();
            m.startGrpc();
            m.preloadSchema();
        } catch (Exception | Error e) {
            m.close();
            throw e;
        }
        LOG.info(
                "member {} up: raft {}, grpc {}, data {}",
                options.id(),
                options.raftAddress(),
                options.grpcAddress(),
                options.dataDir());
        return m;
    }

    private void startRaft() throws Exception {
        CibStateMachine fsm = new CibStateMachine(store, hub, options.cib(), this::onLeaderStart, this::onLeaderStop);
        Configuration conf = new Configuration();
        if (!options.join()) {
            for (Peer p : options.peers()) {
                conf.addPeer(PeerId.parsePeer(p.raftAddress()));
            }
        }
        NodeOptions no = new NodeOptions();
        no.setElectionTimeoutMs(options.electionTimeoutMs());
        no.setSnapshotIntervalSecs(options.snapshotIntervalSecs());
        no.setInitialConf(conf);
        no.setFsm(fsm);
        // The state DB writes without fsync because the Raft log is fsynced before entries apply: keep it so.
        no.getRaftOptions().setSync(true);
        no.setLogUri(directory("raft/log"));
        no.setRaftMetaUri(directory("raft/meta"));
        no.setSnapshotUri(directory("raft/snapshot"));
        HostPort addr = options.raftAddress();
        // Bolt listens on all interfaces unless given the address: keep the Raft port on the configured network.
        RpcServer rpc = new BoltRpcServer(new com.alipay.remoting.rpc.RpcServer(addr.host(), addr.port(), true));
        RaftRpcServerFactory.addRaftRequestProcessors(rpc);
        group = new RaftGroupService(GROUP, PeerId.parsePeer(addr.toString()), no, rpc);
        Node node = group.start();
        raft = new RaftCibStore(node, fsm);
        leaders = new LeaderLocator(options, raft);
    }

    /**
     * Compiles the CIB's schema in the background: on a busy machine the first compile takes seconds, and the first
     * configuration write (a node joining, with its lease running) should not wait for it.
     */
    private void preloadSchema() {
        if (!options.cib().validate()) {
            return;
        }
        Thread t = new Thread(
                () -> {
                    try {
                        String name = raft.<String>readLocal((cib, revision) -> cib.schemaName())
                                .join();
                        JingSchemaValidator.forDirectory(options.cib().schemaDir())
                                .preload(name);
                    } catch (RuntimeException | SchemaException e) {
                        LOG.warn("could not preload the CIB's schema: {}", e.toString());
                    }
                },
                "schema-preload");
        t.setDaemon(true);
        t.start();
    }

    private String directory(String relative) throws IOException {
        return Files.createDirectories(options.dataDir().resolve(relative)).toString();
    }

    private void startGrpc() throws IOException {
        HostPort addr = options.grpcAddress();
        grpc = NettyServerBuilder.forAddress(new InetSocketAddress(addr.host(), addr.port()))
                .maxInboundMessageSize(options.maxMessageBytes())
                .addService(ServerInterceptors.intercept(
                        new CibGrpcService(raft, leaders, commands, options.cib()), new CallOrigin()))
                .addService(ServerInterceptors.intercept(
                        new ClusterGrpcService(raft, leaders, commands, options.id()), new CallOrigin()))
                .addService(ServerInterceptors.intercept(
                        new AgentGrpcService(raft, leaders, commands, liveness), new CallOrigin()))
                .addService(
                        ServerInterceptors.intercept(new FencingGrpcService(raft, leaders, fencer), new CallOrigin()))
                .addService(new WatchGrpcService(hub))
                .addService(new EventGrpcService(store))
                .build()
                .start();
    }

    /**
     * Apply thread: start holding leases, record the leader change, and make sure the member table knows every
     * configured peer.
     */
    private void onLeaderStart(long term) {
        liveness.onLeaderStart(term);
        transitions.onLeaderStart(term);
        fencer.onLeaderStart(term);
        proposer.execute(() -> {
            if (raft == null) {
                return;
            }
            raft.propose(commands.record(
                    "leader-change", options.id(), options.id() + " is the leader (term " + term + ")"));
            for (Peer p : options.peers()) {
                Member known = raft.stateMachine().members().stream()
                        .filter(m -> m.getId().equals(p.id()))
                        .findFirst()
                        .orElse(null);
                if (known == null) {
                    raft.propose(commands.setMember(p.toMember(), false, options.id()));
                }
            }
        });
    }

    /** Apply thread: stop holding leases and scheduling. */
    private void onLeaderStop() {
        liveness.onLeaderStop();
        transitions.onLeaderStop();
        fencer.onLeaderStop();
    }

    public String id() {
        return options.id();
    }

    public StoreOptions options() {
        return options;
    }

    public RaftCibStore raft() {
        return raft;
    }

    public Node node() {
        return raft.node();
    }

    public WatchHub hub() {
        return hub;
    }

    public RocksCibStore store() {
        return store;
    }

    public Commands commands() {
        return commands;
    }

    /**
     * If this member leads, hands leadership to the most up-to-date follower and waits (at most {@code wait}) until
     * another member leads, so that a planned stop costs clients no election timeout. Returns whether it did.
     */
    public boolean handOverLeadership(Duration wait) {
        if (raft == null || !raft.isLeader()) {
            return false;
        }
        Status st = raft.node().transferLeadershipTo(PeerId.ANY_PEER);
        if (!st.isOk()) {
            LOG.warn("could not hand over leadership: {}", st);
            return false;
        }
        String self = options.raftAddress().toString();
        long deadline = System.nanoTime() + wait.toNanos();
        while (System.nanoTime() < deadline) {
            PeerId leader = raft.leaderId();
            if (leader != null && !leader.getEndpoint().toString().equals(self)) {
                LOG.info("handed leadership over to {}", leader);
                return true;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        LOG.warn("leadership hand-over did not complete within {}", wait);
        return false;
    }

    /** Stops the API, then the Raft node (waiting for it), then the state DB. */
    @Override
    public void close() {
        if (grpc != null) {
            grpc.shutdownNow();
            awaitQuietly(grpc);
        }
        hub.close();
        proposer.shutdownNow();
        liveness.close();
        leaderTasks.shutdownNow();
        transitions.close();
        fencer.close();
        fencerThread.shutdownNow();
        schedulerThread.shutdownNow();
        if (leaders != null) {
            leaders.close();
        }
        if (group != null) {
            group.shutdown();
            try {
                group.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        store.close();
        LOG.info("member {} stopped", options.id());
    }

    private static void awaitQuietly(Server s) {
        try {
            s.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
