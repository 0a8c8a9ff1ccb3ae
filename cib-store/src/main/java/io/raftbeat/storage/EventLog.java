package io.raftbeat.storage;

import io.raftbeat.proto.v1.Event;
import java.util.List;
import org.rocksdb.RocksDBException;

/** The persisted event log as readers (watch catch-up, event listing) see it. Safe to call from any thread. */
public interface EventLog {
    /** Up to {@code limit} events with revision > {@code afterRevision}, in revision order, without gaps. */
    List<Event> readEvents(long afterRevision, int limit) throws RocksDBException;

    /** The oldest revision still retained; the last revision + 1 when the log is empty. */
    long firstRetained();

    /** The last committed revision. */
    long revision();
}
