package io.raftbeat.cli;

import io.raftbeat.cib.CibException;
import io.raftbeat.cib.SafeXml;
import io.raftbeat.proto.v1.CibOperation;
import io.raftbeat.proto.v1.CibRequest;
import io.raftbeat.status.ClusterStatus;
import io.raftbeat.status.StatusUnpacker;
import java.time.Duration;
import org.w3c.dom.Document;

/**
 * The whole CIB, read once for a status display or a resource lookup: from {@code CIB_file} when set, else from the
 * cluster ({@code CIB_SERVER}) with a linearizable query through any member.
 */
record CibSnapshot(String xml) {
    private static final int MAX_CIB_BYTES = 64 * 1024 * 1024;

    static CibSnapshot read(CliContext ctx, Duration timeout) throws CliFailure {
        CibRequest query =
                CibRequest.newBuilder().setOperation(CibOperation.CIB_QUERY).build();
        return new CibSnapshot(CibAccess.run(ctx, query, timeout).getXml());
    }

    /** The CIB as a DOM document, for lookups by XPath. */
    Document document() throws CliFailure {
        try {
            return SafeXml.parse(xml, MAX_CIB_BYTES);
        } catch (CibException e) {
            throw new CliFailure(e.error().exitCode(), "The CIB is not usable: " + e.getMessage());
        }
    }

    ClusterStatus status() throws CliFailure {
        try {
            Document doc = SafeXml.parse(xml, MAX_CIB_BYTES);
            return StatusUnpacker.unpack(doc);
        } catch (CibException e) {
            throw new CliFailure(e.error().exitCode(), "The CIB is not usable: " + e.getMessage());
        }
    }
}
