package io.raftbeat.raft;

import com.alipay.sofa.jraft.Closure;
import com.alipay.sofa.jraft.Iterator;
import com.alipay.sofa.jraft.Status;
import com.alipay.sofa.jraft.core.StateMachineAdapter;
import com.alipay.sofa.jraft.entity.LeaderChangeContext;
import com.alipay.sofa.jraft.error.RaftError;
import com.alipay.sofa.jraft.error.RaftException;
import com.alipay.sofa.jraft.storage.snapshot.SnapshotReader;
import com.alipay.sofa.jraft.storage.snapshot.SnapshotWriter;
import com.google.protobuf.InvalidProtocolBufferException;
import io.raftbeat.cib.Cib;
import io.raftbeat.cib.CibError;
import io.raftbeat.cib.CibException;
import io.raftbeat.cib.CibOptions;
import io.raftbeat.proto.v1.CibResponse;
import io.raftbeat.proto.v1.Command;
import io.raftbeat.proto.v1.Member;
import io.raftbeat.storage.CommittedCommand;
import io.raftbeat.storage.RocksCibStore;
import io.raftbeat.storage.StoredState;
import io.raftbeat.watch.WatchHub;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongConsumer;
import org.rocksdb.RocksDBException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The replicated CIB: applies committed commands in log order on jraft's apply thread, persists each in one
 * WriteBatch ({@link RocksCibStore#commit}) and publishes its event to the {@link WatchHub}. Every successful
 * command is one revision and one event; a refused CIB request is a normal, recorded result (the waiting client gets
 * the CibException) that changes nothing. An entry at or below the persisted applied index is skipped, so replaying
 * the log after a restart is a no-op. Nothing thrown by a command escapes {@link #onApply}: an exception there
 * would stall jraft's apply pipeline for good.
 */
public final class CibStateMachine extends StateMachineAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(CibStateMachine.class);

    private final RocksCibStore store;
    private final WatchHub hub;
    private final CommandApplier applier;
    private final LongConsumer onLeaderStart;
    private final Runnable onLeaderStop;
    /**
     * Guards {@link #cib}: held by the apply thread while it changes the CIB and persists, and by readers while they
     * read it (the DOM is not safe for concurrent reads either). Lock order: this first, then RocksCibStore's
     * dbLock, then WatchHub's lock; never taken while holding either of them.
     */
    private final ReentrantLock cibLock = new ReentrantLock();

    private Cib cib; // guarded by cibLock
    private final ActionTable actions; // guarded by cibLock
    private final FenceTable fencing; // guarded by cibLock
    private volatile List<Member> members;
    private volatile long leaderTerm = -1;
    private volatile long term;

    /**
     * @param onLeaderStart called (on the apply thread) with the term when this member becomes leader; it must not
     *     block
     */
    public CibStateMachine(RocksCibStore store, WatchHub hub, CibOptions options, LongConsumer onLeaderStart)
            throws RocksDBException {
        this(store, hub, options, onLeaderStart, () -> {});
    }

    /** @param onLeaderStop called (on the apply thread) when this member stops leading; it must not block */
    public CibStateMachine(
            RocksCibStore store, WatchHub hub, CibOptions options, LongConsumer onLeaderStart, Runnable onLeaderStop)
            throws RocksDBException {
        this.store = store;
        this.hub = hub;
        this.applier = new CommandApplier(options);
        this.onLeaderStart = onLeaderStart;
        this.onLeaderStop = onLeaderStop;
        StoredState s = store.load();
        if (s.skeleton() == null) {
            Cib initial = Cib.empty();
            store.writeInitial(initial.skeleton(), initial.parts());
            s = store.load();
        }
        this.cib = cibOf(s);
        this.members = s.members();
        this.actions = new ActionTable(s.actions());
        this.fencing = new FenceTable(s.fencing());
    }

    @Override
    public void onApply(Iterator iter) {
        while (iter.hasNext()) {
            long index = iter.getIndex();
            Closure done = iter.done();
            CommandClosure closure = done instanceof CommandClosure c ? c : null;
            if (index <= store.appliedIndex()) {
                if (done != null) {
                    done.run(new Status(RaftError.EINTERNAL, "entry %d was already applied", index));
                }
            } else {
                try {
                    applyEntry(index, iter, closure);
                } catch (RocksDBException | RuntimeException e) {
                    // The state DB failed: in-memory and stored state may differ now, so stop this member's state
                    // machine (jraft puts the node in error) rather than go on diverging.
                    LOG.error("applying entry {} failed to persist; stopping the state machine", index, e);
                    if (done != null) {
                        done.run(new Status(RaftError.ESTATEMACHINE, "store failed: %s", e));
                    }
                    iter.setErrorAndRollback(1, new Status(RaftError.ESTATEMACHINE, "store failed: %s", e));
                    return;
                }
                if (done != null && closure == null) {
                    done.run(Status.OK());
                }
            }
            iter.next();
        }
    }

    private void applyEntry(long index, Iterator iter, CommandClosure closure) throws RocksDBException {
        Command cmd;
        try {
            cmd = closure != null ? closure.command() : Command.parseFrom(iter.getData());
        } catch (InvalidProtocolBufferException e) {
            LOG.warn("entry {} is not a command ({}); skipped", index, e.getMessage());
            store.commit(CommittedCommand.failed(index));
            return;
        }
        if (answeredBefore(index, cmd, closure)) {
            return;
        }
        CommittedCommand committed;
        cibLock.lock();
        try {
            try {
                committed = applier.apply(index, cmd, cib, members, actions, fencing, store.revision() + 1);
            } catch (CibException e) {
                LOG.info(
                        "entry {} refused: {} (exit {})",
                        index,
                        e.getMessage(),
                        e.error().exitCode());
                refuse(index, closure, e);
                return;
            } catch (RuntimeException e) {
                // A bug in an operation (the same on every member) may have left the CIB half changed: rebuild it
                // from the last committed state and record the entry as failed.
                LOG.error("entry {} failed unexpectedly; CIB reloaded from the store", index, e);
                cib = cibOf(store.load());
                refuse(index, closure, new CibException(CibError.SOFTWARE, "internal error: " + e));
                return;
            }
            // A failure to persist is not the command's fault: it propagates and stops this state machine.
            store.commit(committed);
            if (committed.members() != null) {
                members = committed.members();
            }
            if (committed.actions() != null) {
                actions.apply(committed.actions());
            }
            if (committed.fencing() != null) {
                fencing.apply(committed.fencing());
            }
        } finally {
            cibLock.unlock();
        }
        try {
            hub.publish(committed.event());
        } catch (RuntimeException e) {
            // The event is persisted; watchers read it from the event log. Not a reason to stop applying.
            LOG.error(
                    "publishing revision {} to watchers failed",
                    committed.event().getRevision(),
                    e);
        }
        if (closure != null) {
            closure.succeed(committed.event().getRevision(), committed.event().getVersion());
            closure.run(Status.OK());
        }
    }

    private void refuse(long index, CommandClosure closure, CibException e) throws RocksDBException {
        store.commit(CommittedCommand.failed(index));
        if (closure != null) {
            closure.fail(e);
            closure.run(Status.OK());
        }
    }

    /**
     * A CIB request whose request id already succeeded (a client retrying after an ambiguous failure) is not
     * applied again: it gets the first answer. Decided from replicated state, so every member agrees.
     */
    private boolean answeredBefore(long index, Command cmd, CommandClosure closure) throws RocksDBException {
        String id = cmd.hasCib() ? cmd.getCib().getRequestId() : "";
        CibResponse earlier = id.isEmpty() ? null : store.findRequest(id);
        if (earlier == null) {
            return false;
        }
        LOG.info("entry {} repeats request {}: answered with revision {}", index, id, earlier.getRevision());
        store.commit(CommittedCommand.failed(index));
        if (closure != null) {
            closure.succeed(earlier);
            closure.run(Status.OK());
        }
        return true;
    }

    /** Runs {@code reader} on the CIB as of the last applied entry, holding the apply thread off meanwhile. */
    public <T> T read(CibReader<T> reader) throws CibException {
        cibLock.lock();
        try {
            return reader.read(cib, store.revision());
        } finally {
            cibLock.unlock();
        }
    }

    /**
     * The actions keyspace as of the last applied entry: read it only inside {@link #read}, whose lock keeps the
     * apply thread off it.
     */
    public ActionTable actions() {
        return actions;
    }

    /** The fencing history as of the last applied entry: read it only inside {@link #read}, as the actions. */
    public FenceTable fencing() {
        return fencing;
    }

    /** The replicated member table (members added or changed through the group, beyond the configured peers). */
    public List<Member> members() {
        return members;
    }

    public long revision() {
        return store.revision();
    }

    public boolean isLeader() {
        return leaderTerm > 0;
    }

    @Override
    public void onLeaderStart(long term) {
        leaderTerm = term;
        this.term = term;
        LOG.info("became leader at term {}", term);
        onLeaderStart.accept(term);
    }

    @Override
    public void onLeaderStop(Status status) {
        leaderTerm = -1;
        LOG.info("no longer leader: {}", status);
        onLeaderStop.run();
    }

    @Override
    public void onStartFollowing(LeaderChangeContext ctx) {
        term = ctx.getTerm();
        LOG.info("following {} at term {}", ctx.getLeaderId(), ctx.getTerm());
    }

    /** The latest term this member saw a leader in (0 before any). */
    public long term() {
        return term;
    }

    @Override
    public void onSnapshotSave(SnapshotWriter writer, Closure done) {
        new SnapshotFiles(store).save(writer, done);
    }

    @Override
    public boolean onSnapshotLoad(SnapshotReader reader) {
        long snapshotIndex = reader.load() == null ? 0 : reader.load().getLastIncludedIndex();
        if (store.appliedIndex() >= snapshotIndex) {
            // Our own state already includes everything the snapshot holds (a restart): keep it, skip the copy.
            LOG.info("state at index {} already covers snapshot {}; kept", store.appliedIndex(), snapshotIndex);
            return true;
        }
        cibLock.lock();
        try {
            StoredState s = store.restore(Path.of(reader.getPath(), SnapshotFiles.STATE_DIR));
            cib = cibOf(s);
            members = s.members();
            actions.replaceAll(s.actions());
            fencing.replaceAll(s.fencing());
        } catch (Exception e) {
            LOG.error("installing snapshot at index {} failed", snapshotIndex, e);
            return false;
        } finally {
            cibLock.unlock();
        }
        hub.reset(store.revision());
        LOG.info("installed snapshot at index {}: revision {}", snapshotIndex, store.revision());
        return true;
    }

    @Override
    public void onError(RaftException e) {
        LOG.error("raft reported a fatal error; this member stops applying: {}", e.getStatus(), e);
    }

    private static Cib cibOf(StoredState s) {
        return s.skeleton() == null ? Cib.empty() : Cib.fromParts(s.skeleton(), s.parts());
    }
}
