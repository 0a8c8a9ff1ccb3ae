package io.raftbeat.cib;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Where one top-level CIB element (a child of a configuration section, or a node_state under status) is stored:
 * its section's name and a sequence number that keeps the document order. Encoded as
 * {@code section 0x00 seq(8 bytes, big-endian)} so that RocksDB's byte order is document order within a section.
 */
public record ElementKey(String section, long seq) {
    public byte[] toBytes() {
        byte[] name = section.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(name.length + 9)
                .put(name)
                .put((byte) 0)
                .putLong(seq)
                .array();
    }

    public static ElementKey fromBytes(byte[] key) {
        int zero = key.length - 9;
        return new ElementKey(
                new String(key, 0, zero, StandardCharsets.UTF_8),
                ByteBuffer.wrap(key, zero + 1, 8).getLong());
    }
}
