package io.raftbeat.raft;

import com.alipay.sofa.jraft.Closure;
import com.alipay.sofa.jraft.Iterator;
import com.alipay.sofa.jraft.Status;
import io.raftbeat.proto.v1.Command;
import java.nio.ByteBuffer;
import java.util.List;

/** Committed log entries as jraft hands them to a state machine (no closures: a follower's view), from an index. */
final class LogEntries implements Iterator {
    private final List<Command> commands;
    private final long firstIndex;
    private int pos;

    LogEntries(long firstIndex, List<Command> commands) {
        this.firstIndex = firstIndex;
        this.commands = commands;
    }

    @Override
    public boolean hasNext() {
        return pos < commands.size();
    }

    @Override
    public ByteBuffer next() {
        pos++;
        return null;
    }

    @Override
    public ByteBuffer getData() {
        return ByteBuffer.wrap(commands.get(pos).toByteArray());
    }

    @Override
    public long getIndex() {
        return firstIndex + pos;
    }

    @Override
    public long getTerm() {
        return 1;
    }

    @Override
    public Closure done() {
        return null;
    }

    @Override
    public void setAutoCommitPerLog(boolean status) {}

    @Override
    public boolean commit() {
        return false;
    }

    @Override
    public void commitAndSnapshotSync(Closure done) {}

    @Override
    public void setErrorAndRollback(long ntail, Status st) {
        throw new AssertionError("the state machine failed: " + st);
    }
}
