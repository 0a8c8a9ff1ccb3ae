package io.raftbeat.raft;

import com.alipay.sofa.jraft.Closure;
import com.alipay.sofa.jraft.Status;
import com.alipay.sofa.jraft.error.RaftError;
import com.alipay.sofa.jraft.storage.snapshot.SnapshotWriter;
import io.raftbeat.storage.RocksCibStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A snapshot is a RocksDB checkpoint of the state DB in the snapshot's {@value #STATE_DIR} folder, every file
 * registered with jraft so that a lagging member receives it whole.
 */
final class SnapshotFiles {
    static final String STATE_DIR = "state";
    private static final Logger LOG = LoggerFactory.getLogger(SnapshotFiles.class);

    private final RocksCibStore store;

    SnapshotFiles(RocksCibStore store) {
        this.store = store;
    }

    /** Apply thread: the checkpoint is taken here, so it holds exactly the state at the snapshot's index. */
    void save(SnapshotWriter writer, Closure done) {
        Path dir = Path.of(writer.getPath(), STATE_DIR);
        try {
            store.checkpoint(dir);
            List<Path> files;
            try (Stream<Path> walk = Files.walk(dir)) {
                files = walk.filter(Files::isRegularFile).toList();
            }
            for (Path f : files) {
                String name = Path.of(writer.getPath()).relativize(f).toString();
                if (!writer.addFile(name)) {
                    throw new IOException("snapshot writer refused " + name);
                }
            }
            LOG.info("snapshot saved at applied index {} ({} files)", store.appliedIndex(), files.size());
            done.run(Status.OK());
        } catch (Exception e) {
            LOG.error("snapshot failed", e);
            done.run(new Status(RaftError.EIO, "snapshot failed: %s", e));
        }
    }
}
