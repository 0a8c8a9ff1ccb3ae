package io.raftbeat.storage;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.DBOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;

/** The open state DB and its column families: cib, meta, events, requests, request-revisions, actions, fencing. */
record StateDb(
        RocksDB db,
        DBOptions options,
        List<ColumnFamilyHandle> all,
        ColumnFamilyHandle cib,
        ColumnFamilyHandle meta,
        ColumnFamilyHandle events,
        ColumnFamilyHandle requests,
        ColumnFamilyHandle requestRevisions,
        ColumnFamilyHandle actions,
        ColumnFamilyHandle fencing) {
    static StateDb open(Path dir) throws RocksDBException {
        // RocksDB's own LOG files would otherwise pile up in the state directory (1000 kept by default).
        DBOptions options = new DBOptions()
                .setCreateIfMissing(true)
                .setCreateMissingColumnFamilies(true)
                .setKeepLogFileNum(3)
                .setMaxLogFileSize(16L * 1024 * 1024);
        List<ColumnFamilyDescriptor> descriptors = List.of(
                new ColumnFamilyDescriptor(RocksDB.DEFAULT_COLUMN_FAMILY),
                new ColumnFamilyDescriptor(bytes("cib")),
                new ColumnFamilyDescriptor(bytes("meta")),
                new ColumnFamilyDescriptor(bytes("events")),
                new ColumnFamilyDescriptor(bytes("requests")),
                new ColumnFamilyDescriptor(bytes("request-revisions")),
                new ColumnFamilyDescriptor(bytes("actions")),
                new ColumnFamilyDescriptor(bytes("fencing")));
        List<ColumnFamilyHandle> all = new ArrayList<>();
        dir.toFile().mkdirs();
        RocksDB db = RocksDB.open(options, dir.toString(), descriptors, all);
        return new StateDb(
                db, options, all, all.get(1), all.get(2), all.get(3), all.get(4), all.get(5), all.get(6), all.get(7));
    }

    void close() {
        all.forEach(ColumnFamilyHandle::close);
        db.close();
        options.close();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
