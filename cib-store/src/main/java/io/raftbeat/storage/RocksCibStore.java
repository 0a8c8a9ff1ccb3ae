package io.raftbeat.storage;

import io.raftbeat.cib.ElementKey;
import io.raftbeat.proto.v1.Action;
import io.raftbeat.proto.v1.ActionRef;
import io.raftbeat.proto.v1.CibResponse;
import io.raftbeat.proto.v1.Event;
import io.raftbeat.proto.v1.FenceOperation;
import io.raftbeat.proto.v1.Member;
import io.raftbeat.proto.v1.MembersResponse;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.rocksdb.Checkpoint;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

/**
 * A member's replicated state in one RocksDB: column family {@code cib} (one key per top-level CIB element),
 * {@code meta} (skeleton, applied index, revision, oldest retained revision, member table), {@code events}
 * (revision, 8 bytes big-endian, to a serialized {@link Event}), and {@code requests} / {@code request-revisions}
 * (client request id to its answer, and back from the revision, retained as long as the event), and {@code
 * actions} (node, zero byte, id to a serialized {@link Action}), and {@code fencing} (target, zero byte, id to a
 * serialized {@link FenceOperation}). Every applied Raft entry is one WriteBatch, so a crash leaves either all or
 * nothing of it, and the applied index says which.
 *
 * <p>Threads: {@link #commit}, {@link #restore} and {@link #checkpoint} are called by the Raft apply thread only;
 * {@link #readEvents} by any thread (watch catch-up, event listing).
 */
public final class RocksCibStore implements EventLog, AutoCloseable {
    private static final byte[] SKELETON = bytes("skeleton");
    private static final byte[] APPLIED_INDEX = bytes("applied-index");
    private static final byte[] REVISION = bytes("revision");
    private static final byte[] FIRST_RETAINED = bytes("first-retained");
    private static final byte[] MEMBERS = bytes("members");
    /** Bounds the work of age-based pruning per applied entry; the rest goes with the next entries. */
    private static final int AGE_SCAN_LIMIT = 1_000;

    static {
        RocksDB.loadLibrary();
    }

    private final Path dir;
    private final EventRetention retention;
    /**
     * Guards the DB handles against close and restore. Shared by commits and event reads, exclusive for
     * {@link #restore} and {@link #close}. Lock order: CibStateMachine's cibLock, then this, then WatchHub's lock.
     */
    private final ReentrantReadWriteLock dbLock = new ReentrantReadWriteLock();

    private StateDb handles;
    private volatile long appliedIndex;
    private volatile long revision;
    private volatile long firstRetained = 1;

    private RocksCibStore(Path dir, EventRetention retention) {
        this.dir = dir;
        this.retention = retention;
    }

    /** Opens (creating if missing) the state DB in {@code dir}. */
    public static RocksCibStore open(Path dir, EventRetention retention) throws RocksDBException {
        RocksCibStore store = new RocksCibStore(dir, retention);
        store.handles = StateDb.open(dir);
        store.readCounters();
        return store;
    }

    public long appliedIndex() {
        return appliedIndex;
    }

    @Override
    public long revision() {
        return revision;
    }

    /** The oldest revision still in the event log; revision() + 1 when the log is empty. */
    @Override
    public long firstRetained() {
        return firstRetained;
    }

    /** Reads the whole stored state, for rebuilding the in-memory CIB. */
    public StoredState load() throws RocksDBException {
        dbLock.readLock().lock();
        try {
            StateDb h = handles;
            byte[] skeleton = h.db().get(h.meta(), SKELETON);
            Map<ElementKey, byte[]> parts = new LinkedHashMap<>();
            try (RocksIterator it = h.db().newIterator(h.cib())) {
                for (it.seekToFirst(); it.isValid(); it.next()) {
                    parts.put(ElementKey.fromBytes(it.key()), it.value());
                }
            }
            return new StoredState(
                    skeleton,
                    parts,
                    appliedIndex,
                    revision,
                    firstRetained,
                    readMembers(h),
                    readActions(h),
                    readFencing(h));
        } finally {
            dbLock.readLock().unlock();
        }
    }

    /**
     * Persists the CIB a fresh member starts from (every member builds the same one), so that the elements it holds
     * are stored before the first delta; applied index and revision stay 0.
     */
    public void writeInitial(byte[] skeleton, Map<ElementKey, byte[]> parts) throws RocksDBException {
        dbLock.readLock().lock();
        try (WriteBatch batch = new WriteBatch();
                WriteOptions options = new WriteOptions()) {
            StateDb h = handles;
            for (Map.Entry<ElementKey, byte[]> put : parts.entrySet()) {
                batch.put(h.cib(), put.getKey().toBytes(), put.getValue());
            }
            batch.put(h.meta(), SKELETON, skeleton);
            h.db().write(options.setSync(true), batch);
        } finally {
            dbLock.readLock().unlock();
        }
    }

    /**
     * Persists one applied entry in one WriteBatch: the CIB delta, the skeleton, the event, the pruned event range,
     * the member table, the actions, the revision and the applied index. Pruning uses the command's own time, never
     * the clock.
     */
    public void commit(CommittedCommand c) throws RocksDBException {
        dbLock.readLock().lock();
        try (WriteBatch batch = new WriteBatch();
                WriteOptions options = new WriteOptions()) {
            StateDb h = handles;
            if (c.delta() != null) {
                for (Map.Entry<ElementKey, byte[]> put : c.delta().puts().entrySet()) {
                    batch.put(h.cib(), put.getKey().toBytes(), put.getValue());
                }
                for (ElementKey key : c.delta().deletes()) {
                    batch.delete(h.cib(), key.toBytes());
                }
                batch.put(h.meta(), SKELETON, c.delta().skeleton());
            }
            if (c.members() != null) {
                batch.put(
                        h.meta(),
                        MEMBERS,
                        MembersResponse.newBuilder()
                                .addAllMembers(c.members())
                                .build()
                                .toByteArray());
            }
            if (c.actions() != null) {
                for (ActionRef ref : c.actions().deletes()) {
                    batch.delete(h.actions(), ActionChanges.key(ref.getNode(), ref.getId()));
                }
                for (Action a : c.actions().puts()) {
                    batch.put(h.actions(), ActionChanges.key(a.getNode(), a.getId()), a.toByteArray());
                }
            }
            if (c.fencing() != null) {
                for (FenceOperation op : c.fencing().deletes()) {
                    batch.delete(h.fencing(), FenceChanges.key(op));
                }
                for (FenceOperation op : c.fencing().puts()) {
                    batch.put(h.fencing(), FenceChanges.key(op), op.toByteArray());
                }
            }
            long newFirst = firstRetained;
            if (c.event() != null) {
                long rev = c.event().getRevision();
                batch.put(h.events(), revisionKey(rev), c.event().toByteArray());
                newFirst = prunedFirst(h, rev, c.timeUnixMs());
                if (newFirst > firstRetained) {
                    batch.deleteRange(h.events(), revisionKey(firstRetained), revisionKey(newFirst));
                }
                if (!c.requestId().isEmpty()) {
                    CibResponse answer = CibResponse.newBuilder()
                            .setRevision(rev)
                            .setVersion(c.event().getVersion())
                            .build();
                    batch.put(h.requests(), bytes(c.requestId()), answer.toByteArray());
                    batch.put(h.requestRevisions(), revisionKey(rev), bytes(c.requestId()));
                }
                if (newFirst > firstRetained) {
                    forgetRequests(h, batch, firstRetained, newFirst);
                }
                batch.put(h.meta(), REVISION, longBytes(rev));
                batch.put(h.meta(), FIRST_RETAINED, longBytes(newFirst));
            }
            batch.put(h.meta(), APPLIED_INDEX, longBytes(c.index()));
            // No fsync here: the Raft log is fsynced before an entry is applied, and replaying an entry is a no-op
            // (the applied index travels in this same batch), so a lost tail is re-applied from the log.
            options.setSync(false);
            h.db().write(options, batch);
            if (c.event() != null) {
                revision = c.event().getRevision();
                firstRetained = newFirst;
            }
            appliedIndex = c.index();
        } finally {
            dbLock.readLock().unlock();
        }
    }

    /** Drops the remembered request ids of revisions [from, to), which retention removes from the event log. */
    private static void forgetRequests(StateDb h, WriteBatch batch, long from, long to) throws RocksDBException {
        try (RocksIterator it = h.db().newIterator(h.requestRevisions())) {
            for (it.seek(revisionKey(from)); it.isValid(); it.next()) {
                if (ByteBuffer.wrap(it.key()).getLong() >= to) {
                    break;
                }
                batch.delete(h.requests(), it.value());
            }
        }
        batch.deleteRange(h.requestRevisions(), revisionKey(from), revisionKey(to));
    }

    /** The answer given to the successful CIB request with this client request id, or null. */
    public CibResponse findRequest(String requestId) throws RocksDBException {
        dbLock.readLock().lock();
        try {
            byte[] v = handles.db().get(handles.requests(), bytes(requestId));
            return v == null ? null : CibResponse.parseFrom(v);
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new IllegalStateException("stored request answer is corrupt: " + e.getMessage(), e);
        } finally {
            dbLock.readLock().unlock();
        }
    }

    /** The oldest revision to keep once event {@code rev} (not yet written) is added at {@code timeUnixMs}. */
    private long prunedFirst(StateDb h, long rev, long timeUnixMs) throws RocksDBException {
        long first = Math.max(firstRetained, rev - retention.maxEvents() + 1);
        long cutoff = timeUnixMs - retention.maxAge().toMillis();
        try (RocksIterator it = h.db().newIterator(h.events())) {
            int scanned = 0;
            for (it.seek(revisionKey(first)); it.isValid() && scanned < AGE_SCAN_LIMIT; it.next(), scanned++) {
                long r = ByteBuffer.wrap(it.key()).getLong();
                if (r >= rev || parseEvent(it.value()).getTimeUnixMs() >= cutoff) {
                    break;
                }
                first = r + 1;
            }
        }
        return first;
    }

    /** Up to {@code limit} events with revision > {@code afterRevision}, in order. */
    @Override
    public List<Event> readEvents(long afterRevision, int limit) throws RocksDBException {
        dbLock.readLock().lock();
        try (RocksIterator it = handles.db().newIterator(handles.events())) {
            List<Event> out = new ArrayList<>();
            for (it.seek(revisionKey(afterRevision + 1)); it.isValid() && out.size() < limit; it.next()) {
                out.add(parseEvent(it.value()));
            }
            return out;
        } finally {
            dbLock.readLock().unlock();
        }
    }

    /** Writes a consistent copy of the DB into {@code target}, which must not exist (hard links where possible). */
    public void checkpoint(Path target) throws RocksDBException {
        dbLock.readLock().lock();
        try (Checkpoint cp = Checkpoint.create(handles.db())) {
            cp.createCheckpoint(target.toString());
        } finally {
            dbLock.readLock().unlock();
        }
    }

    /** Replaces the whole DB with a copy of a checkpoint and reads it back. */
    public StoredState restore(Path checkpointDir) throws IOException, RocksDBException {
        dbLock.writeLock().lock();
        try {
            handles.close();
            handles = null;
            DirectoryTree.deleteTree(dir);
            DirectoryTree.copyTree(checkpointDir, dir);
            handles = StateDb.open(dir);
            readCounters();
        } finally {
            dbLock.writeLock().unlock();
        }
        return load();
    }

    @Override
    public void close() {
        dbLock.writeLock().lock();
        try {
            if (handles != null) {
                handles.close();
                handles = null;
            }
        } finally {
            dbLock.writeLock().unlock();
        }
    }

    private void readCounters() throws RocksDBException {
        appliedIndex = readLong(APPLIED_INDEX, 0);
        revision = readLong(REVISION, 0);
        firstRetained = readLong(FIRST_RETAINED, 1);
    }

    private long readLong(byte[] key, long absent) throws RocksDBException {
        byte[] v = handles.db().get(handles.meta(), key);
        return v == null ? absent : ByteBuffer.wrap(v).getLong();
    }

    private static List<Member> readMembers(StateDb h) throws RocksDBException {
        byte[] v = h.db().get(h.meta(), MEMBERS);
        if (v == null) {
            return List.of();
        }
        try {
            return MembersResponse.parseFrom(v).getMembersList();
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new IllegalStateException("stored member table is corrupt: " + e.getMessage(), e);
        }
    }

    private static List<Action> readActions(StateDb h) {
        List<Action> out = new ArrayList<>();
        try (RocksIterator it = h.db().newIterator(h.actions())) {
            for (it.seekToFirst(); it.isValid(); it.next()) {
                out.add(Action.parseFrom(it.value()));
            }
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new IllegalStateException("stored action is corrupt: " + e.getMessage(), e);
        }
        return out;
    }

    private static List<FenceOperation> readFencing(StateDb h) {
        List<FenceOperation> out = new ArrayList<>();
        try (RocksIterator it = h.db().newIterator(h.fencing())) {
            for (it.seekToFirst(); it.isValid(); it.next()) {
                out.add(FenceOperation.parseFrom(it.value()));
            }
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new IllegalStateException("stored fence operation is corrupt: " + e.getMessage(), e);
        }
        return out;
    }

    private static Event parseEvent(byte[] v) {
        try {
            return Event.parseFrom(v);
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new IllegalStateException("stored event is corrupt: " + e.getMessage(), e);
        }
    }

    static byte[] revisionKey(long revision) {
        return longBytes(revision);
    }

    private static byte[] longBytes(long v) {
        return ByteBuffer.allocate(8).putLong(v).array();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
