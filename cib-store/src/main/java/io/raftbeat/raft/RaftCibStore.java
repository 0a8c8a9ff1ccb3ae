package io.raftbeat.raft;

import com.alipay.sofa.jraft.Node;
import com.alipay.sofa.jraft.Status;
import com.alipay.sofa.jraft.closure.ReadIndexClosure;
import com.alipay.sofa.jraft.entity.PeerId;
import com.alipay.sofa.jraft.entity.Task;
import io.raftbeat.cib.CibException;
import io.raftbeat.proto.v1.CibResponse;
import io.raftbeat.proto.v1.Command;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;

/**
 * The CIB as the Raft group serves it: writes are proposed as log entries (on the leader), reads are linearizable
 * through jraft's ReadIndex (on any member) or local. Thread-safe; results complete on jraft's threads.
 */
public final class RaftCibStore {
    private static final byte[] NO_CONTEXT = new byte[0];

    private final Node node;
    private final CibStateMachine fsm;

    public RaftCibStore(Node node, CibStateMachine fsm) {
        this.node = node;
        this.fsm = fsm;
    }

    /**
     * Proposes {@code cmd}; completes with the new revision once it is applied here, or exceptionally with the
     * CibException it was refused with, or a {@link RaftUnavailableException} when this member cannot commit it.
     */
    public CompletableFuture<CibResponse> propose(Command cmd) {
        CommandClosure closure = new CommandClosure(cmd);
        if (!node.isLeader()) {
            closure.result().completeExceptionally(new RaftUnavailableException("this member is not the leader"));
            return closure.result();
        }
        node.apply(new Task(ByteBuffer.wrap(cmd.toByteArray()), closure));
        return closure.result();
    }

    /** Runs {@code reader} once this member has applied everything committed before the call (ReadIndex). */
    public <T> CompletableFuture<T> readLinearizable(CibReader<T> reader) {
        CompletableFuture<T> result = new CompletableFuture<>();
        node.readIndex(NO_CONTEXT, new ReadIndexClosure() {
            @Override
            public void run(Status status, long index, byte[] reqCtx) {
                if (!status.isOk()) {
                    result.completeExceptionally(
                            new RaftUnavailableException("linearizable read failed: " + status.getErrorMsg()));
                    return;
                }
                complete(result, reader);
            }
        });
        return result;
    }

    /** Runs {@code reader} on this member's own state, however far behind it may be. */
    public <T> CompletableFuture<T> readLocal(CibReader<T> reader) {
        CompletableFuture<T> result = new CompletableFuture<>();
        complete(result, reader);
        return result;
    }

    private <T> void complete(CompletableFuture<T> result, CibReader<T> reader) {
        try {
            result.complete(fsm.read(reader));
        } catch (CibException | RuntimeException e) {
            result.completeExceptionally(e);
        }
    }

    public boolean isLeader() {
        return node.isLeader();
    }

    /** The leader's Raft address as this member knows it, or null. */
    public PeerId leaderId() {
        PeerId id = node.getLeaderId();
        return id == null || id.isEmpty() ? null : id;
    }

    public Node node() {
        return node;
    }

    public CibStateMachine stateMachine() {
        return fsm;
    }
}
