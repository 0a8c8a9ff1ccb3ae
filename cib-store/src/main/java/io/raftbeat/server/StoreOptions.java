package io.raftbeat.server;

import io.raftbeat.cib.CibOptions;
import io.raftbeat.storage.EventRetention;
import java.nio.file.Path;
import java.util.List;

/**
 * Everything a store member is started with (see {@link StoreArguments} for the flags and config file keys).
 *
 * @param id this member's name (store1 ...), one of {@code peers}
 * @param raftAddress where jraft's RPC listens (bound to this address only)
 * @param grpcAddress where the gRPC API listens
 * @param peers the initial members of the group, this one included
 * @param dataDir DATA: jraft's log, meta and snapshots in DATA/raft, the state DB in DATA/state
 * @param cib schema directory, XML size limit, validation
 * @param electionTimeoutMs jraft's election timeout: failover takes about this long
 * @param snapshotIntervalSecs how often jraft takes a snapshot (and compacts its log)
 * @param retention how many events, and how old, the event log keeps
 * @param join start outside the group, with no configuration, and wait for the leader to add this member
 *     (ClusterService.AddMember); otherwise a fresh member bootstraps the group from {@code peers}
 * @param leaseMs the lease an agent holds when it asks for none: how long the leader waits for a heartbeat
 */
public record StoreOptions(
        String id,
        HostPort raftAddress,
        HostPort grpcAddress,
        List<Peer> peers,
        Path dataDir,
        CibOptions cib,
        int electionTimeoutMs,
        int snapshotIntervalSecs,
        EventRetention retention,
        boolean join,
        long leaseMs) {
    public static final int DEFAULT_ELECTION_TIMEOUT_MS = 1000;
    public static final int DEFAULT_SNAPSHOT_INTERVAL_SECS = 3600;
    public static final long DEFAULT_LEASE_MS = 1000;
    /** gRPC accepts a CIB document of the XML limit plus room for the rest of the message. */
    public static final int MESSAGE_MARGIN_BYTES = 1024 * 1024;

    public StoreOptions {
        peers = List.copyOf(peers);
        if (peers.stream().noneMatch(p -> p.id().equals(id))) {
            throw new IllegalArgumentException("member id '" + id + "' is not among the peers " + peers);
        }
    }

    public int maxMessageBytes() {
        return cib.maxXmlBytes() + MESSAGE_MARGIN_BYTES;
    }

    public StoreOptions withRetention(EventRetention r) {
        return new StoreOptions(
                id,
                raftAddress,
                grpcAddress,
                peers,
                dataDir,
                cib,
                electionTimeoutMs,
                snapshotIntervalSecs,
                r,
                join,
                leaseMs);
    }

    public StoreOptions withLeaseMs(long ms) {
        return new StoreOptions(
                id,
                raftAddress,
                grpcAddress,
                peers,
                dataDir,
                cib,
                electionTimeoutMs,
                snapshotIntervalSecs,
                retention,
                join,
                ms);
    }

    public StoreOptions joining() {
        return new StoreOptions(
                id,
                raftAddress,
                grpcAddress,
                peers,
                dataDir,
                cib,
                electionTimeoutMs,
                snapshotIntervalSecs,
                retention,
                true,
                leaseMs);
    }
}
