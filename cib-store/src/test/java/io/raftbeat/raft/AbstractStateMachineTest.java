package io.raftbeat.raft;

import io.raftbeat.cib.CibOptions;
import io.raftbeat.storage.EventRetention;
import io.raftbeat.storage.RocksCibStore;
import io.raftbeat.watch.WatchHub;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** State machines on real RocksDB stores in a temporary directory, closed after each test; commands at a fixed time. */
abstract class AbstractStateMachineTest {
    static final Commands COMMANDS =
            new Commands(Clock.fixed(Instant.ofEpochMilli(1_700_000_000_000L), ZoneOffset.UTC));

    @TempDir
    Path dir;

    private final List<AutoCloseable> open = new ArrayList<>();

    record Member(RocksCibStore store, CibStateMachine fsm) {}

    @AfterEach
    void close() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
        open.clear();
    }

    /** The member whose state lives in {@code dir/name}: opened again after {@link #close}, it has what it had. */
    Member member(String name) throws Exception {
        RocksCibStore store = RocksCibStore.open(dir.resolve(name), EventRetention.defaults());
        WatchHub hub = new WatchHub(store, 64, 1);
        open.add(store);
        open.add(hub);
        return new Member(store, new CibStateMachine(store, hub, CibOptions.defaults(), term -> {}));
    }
}
