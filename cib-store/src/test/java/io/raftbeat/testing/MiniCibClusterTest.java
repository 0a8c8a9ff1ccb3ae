package io.raftbeat.testing;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** Base of the tests that start a {@link MiniCibCluster}: a temporary directory, and the cluster closed after each. */
public abstract class MiniCibClusterTest {
    @TempDir
    protected Path dir;

    protected MiniCibCluster cluster;

    @AfterEach
    void closeCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }
}
