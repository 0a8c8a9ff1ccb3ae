package io.raftbeat.raft;

import com.alipay.sofa.jraft.Closure;
import com.alipay.sofa.jraft.Status;
import io.raftbeat.cib.CibException;
import io.raftbeat.proto.v1.CibResponse;
import io.raftbeat.proto.v1.CibVersion;
import io.raftbeat.proto.v1.Command;
import java.util.concurrent.CompletableFuture;

/**
 * The leader's handle on a proposed command: the apply thread completes it with the new revision or the CIB error;
 * jraft runs it with a failed status when the entry could not be committed (not leader, stepped down ...).
 */
final class CommandClosure implements Closure {
    private final Command command;
    private final CompletableFuture<CibResponse> result = new CompletableFuture<>();

    CommandClosure(Command command) {
        this.command = command;
    }

    /** The command as proposed, so the leader's apply thread need not parse it again. */
    Command command() {
        return command;
    }

    CompletableFuture<CibResponse> result() {
        return result;
    }

    void succeed(long revision, CibVersion version) {
        result.complete(CibResponse.newBuilder()
                .setRevision(revision)
                .setVersion(version)
                .build());
    }

    void succeed(CibResponse earlier) {
        result.complete(earlier);
    }

    void fail(CibException e) {
        result.completeExceptionally(e);
    }

    @Override
    public void run(Status status) {
        if (!status.isOk()) {
            result.completeExceptionally(new RaftUnavailableException(status.getErrorMsg()));
        }
    }
}
