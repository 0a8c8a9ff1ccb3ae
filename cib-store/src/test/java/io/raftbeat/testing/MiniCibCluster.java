package io.raftbeat.testing;

import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.raftbeat.cib.CibOptions;
import io.raftbeat.proto.v1.AgentServiceGrpc;
import io.raftbeat.proto.v1.CibServiceGrpc;
import io.raftbeat.proto.v1.ClusterServiceGrpc;
import io.raftbeat.proto.v1.EventServiceGrpc;
import io.raftbeat.proto.v1.WatchServiceGrpc;
import io.raftbeat.server.HostPort;
import io.raftbeat.server.Peer;
import io.raftbeat.server.StoreMember;
import io.raftbeat.server.StoreOptions;
import io.raftbeat.storage.EventRetention;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.UnaryOperator;

/**
 * Real store members (JRaft + RocksDB + gRPC) in this JVM, on free 127.0.0.1 ports, with data under a temporary
 * directory. Members can be stopped and restarted on the same data, as a process would be.
 */
public final class MiniCibCluster implements AutoCloseable {
    /** Generous bound for waiting on elections and replication; a wait, never a speed assertion. */
    public static final Duration WAIT = Duration.ofSeconds(30);

    private final Map<String, StoreOptions> options = new LinkedHashMap<>();
    private final List<Peer> peers = new ArrayList<>();
    private Path dir;
    private UnaryOperator<StoreOptions> tweak;
    private final Map<String, StoreMember> running = new ConcurrentHashMap<>();
    private final Map<String, ManagedChannel> channels = new ConcurrentHashMap<>();

    private MiniCibCluster() {}

    /** Starts {@code size} members named store1.. with options adjusted by {@code tweak}. */
    public static MiniCibCluster start(Path dir, int size, UnaryOperator<StoreOptions> tweak) throws Exception {
        MiniCibCluster c = new MiniCibCluster();
        c.dir = dir;
        c.tweak = tweak;
        for (int i = 1; i <= size; i++) {
            c.peers.add(newPeer("store" + i));
        }
        for (Peer p : c.peers) {
            c.options.put(p.id(), c.optionsFor(p, false));
        }
        try {
            for (String id : c.options.keySet()) {
                c.startMember(id);
            }
        } catch (Exception e) {
            c.close();
            throw e;
        }
        return c;
    }

    public static MiniCibCluster start(Path dir) throws Exception {
        return start(dir, 3, o -> o);
    }

    private static Peer newPeer(String id) {
        return new Peer(id, "127.0.0.1:" + FreePorts.next(), "127.0.0.1:" + FreePorts.next());
    }

    private StoreOptions optionsFor(Peer p, boolean join) {
        CibOptions cib = new CibOptions(CibOptions.DEFAULT_SCHEMA_DIR, CibOptions.DEFAULT_MAX_XML_BYTES, true);
        return tweak.apply(new StoreOptions(
                p.id(),
                HostPort.parse(p.raftAddress(), "raft"),
                HostPort.parse(p.grpcAddress(), "grpc"),
                peers,
                dir.resolve(p.id()),
                cib,
                StoreOptions.DEFAULT_ELECTION_TIMEOUT_MS,
                StoreOptions.DEFAULT_SNAPSHOT_INTERVAL_SECS,
                new EventRetention(EventRetention.DEFAULT_MAX_EVENTS, Duration.ofDays(7)),
                join,
                StoreOptions.DEFAULT_LEASE_MS));
    }

    /** Starts a new member outside the group (it knows every member); ClusterService.AddMember brings it in. */
    public StoreMember startJoiningMember(String id) throws Exception {
        Peer p = newPeer(id);
        peers.add(p);
        options.put(id, optionsFor(p, true));
        return startMember(id);
    }

    public StoreMember startMember(String id) throws Exception {
        StoreMember m = StoreMember.start(options.get(id));
        running.put(id, m);
        return m;
    }

    public void stopMember(String id) {
        StoreMember m = running.remove(id);
        ManagedChannel ch = channels.remove(id);
        if (ch != null) {
            ch.shutdownNow();
        }
        if (m != null) {
            m.close();
        }
    }

    public StoreMember member(String id) {
        return running.get(id);
    }

    public List<StoreMember> running() {
        return List.copyOf(running.values());
    }

    /** Waits until exactly one running member leads, has recorded the member table, and every member knows it. */
    public StoreMember awaitLeader() {
        StoreMember[] found = new StoreMember[1];
        await("a leader known to every running member", () -> {
            List<StoreMember> leaders =
                    running().stream().filter(m -> m.raft().isLeader()).toList();
            if (leaders.size() != 1) {
                return false;
            }
            StoreMember leader = leaders.get(0);
            String addr = leader.options().raftAddress().toString();
            found[0] = leader;
            // A new leader first records itself and the member table; wait for that so tests count from there.
            java.util.Set<String> known = new java.util.HashSet<>();
            leader.raft().stateMachine().members().forEach(m -> known.add(m.getId()));
            if (!leader.options().peers().stream().allMatch(p -> known.contains(p.id()))) {
                return false;
            }
            return running().stream()
                    .allMatch(m -> m.raft().leaderId() != null
                            && m.raft().leaderId().getEndpoint().toString().equals(addr));
        });
        return found[0];
    }

    public StoreMember aFollower() {
        StoreMember leader = awaitLeader();
        return running().stream().filter(m -> m != leader).findFirst().orElseThrow();
    }

    /** Waits until the member has applied revision {@code revision}. */
    public void awaitRevision(String id, long revision) {
        await(
                id + " at revision " + revision,
                () -> member(id).raft().stateMachine().revision() >= revision);
    }

    public static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("gave up waiting for " + what + " after " + WAIT);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what);
            }
        }
    }

    public ManagedChannel channel(String id) {
        return channels.computeIfAbsent(id, k -> NettyChannelBuilder.forTarget(
                        options.get(k).grpcAddress().toString())
                .usePlaintext()
                .build());
    }

    public CibServiceGrpc.CibServiceBlockingStub cib(String id) {
        return CibServiceGrpc.newBlockingStub(channel(id)).withDeadlineAfter(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    public ClusterServiceGrpc.ClusterServiceBlockingStub cluster(String id) {
        return ClusterServiceGrpc.newBlockingStub(channel(id)).withDeadlineAfter(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    public EventServiceGrpc.EventServiceBlockingStub events(String id) {
        return EventServiceGrpc.newBlockingStub(channel(id)).withDeadlineAfter(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    public AgentServiceGrpc.AgentServiceBlockingStub agent(String id) {
        return AgentServiceGrpc.newBlockingStub(channel(id)).withDeadlineAfter(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    public WatchServiceGrpc.WatchServiceStub watch(String id) {
        return WatchServiceGrpc.newStub(channel(id));
    }

    public StoreOptions options(String id) {
        return options.get(id);
    }

    @Override
    public void close() {
        channels.values().forEach(ManagedChannel::shutdownNow);
        channels.clear();
        for (String id : List.copyOf(running.keySet())) {
            stopMember(id);
        }
    }
}
