package io.raftbeat.cli;

import io.raftbeat.proto.v1.CibOperation;
import io.raftbeat.proto.v1.CibRequest;
import io.raftbeat.proto.v1.CibResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * Where a command's CIB operations go: the file named by {@code CIB_file} when set, else the cluster named by
 * {@code CIB_SERVER} through the existing CibService. Used by one command on its own thread.
 */
final class CibAccess {
    private static final int PATHS_PER_WRITE = 4;

    private CibAccess() {}

    /** Runs one query or write; a refusal is a {@link CliFailure} with the store's Pacemaker exit code. */
    static CibResponse run(CliContext ctx, CibRequest request, Duration timeout) throws CliFailure {
        String cibFile = ctx.cibFile();
        if (cibFile != null) {
            return new FileCib(Path.of(cibFile)).run(request);
        }
        try (RemoteCib remote = new RemoteCib(ServerList.parse(ctx.servers()), timeout)) {
            return remote.run(request);
        }
    }

    /** A write of {@code xml} with a fresh request id, so a retry on another member is recognised. */
    static void write(CliContext ctx, CibOperation operation, String scope, String xml, Duration timeout)
            throws CliFailure {
        CibRequest.Builder request = CibRequest.newBuilder()
                .setOperation(operation)
                .setRequestId(UUID.randomUUID().toString());
        if (operation == CibOperation.CIB_MODIFY) {
            request.setAllowCreate(true);
        }
        if (scope != null) {
            request.setScope(scope);
        }
        request.setXml(xml);
        run(ctx, request.build(), timeout);
    }

    /** Deletes every element the XPath matches (nothing matching is success, as for Pacemaker). */
    static void deleteAll(CliContext ctx, String xpath, Duration timeout) throws CliFailure {
        run(
                ctx,
                CibRequest.newBuilder()
                        .setOperation(CibOperation.CIB_DELETE_ALL)
                        .setXpath(xpath)
                        .setForce(true)
                        .setRequestId(UUID.randomUUID().toString())
                        .build(),
                timeout);
    }

    /**
     * Deletes what any of the XPaths match, a few per write: the store's secure XPath allows 100 operators in one
     * expression, so a long union is split.
     */
    static void deleteAll(CliContext ctx, List<String> xpaths, Duration timeout) throws CliFailure {
        for (int i = 0; i < xpaths.size(); i += PATHS_PER_WRITE) {
            List<String> batch = xpaths.subList(i, Math.min(xpaths.size(), i + PATHS_PER_WRITE));
            deleteAll(ctx, String.join(" | ", batch), timeout);
        }
    }
}
