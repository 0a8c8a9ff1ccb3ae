package io.raftbeat.agent.exec;

import java.nio.charset.StandardCharsets;

/**
 * Keeps the first {@code headLimit} and the last {@code tailLimit} bytes of a process's output and counts what it
 * dropped in between, so that an agent printing megabytes costs a bounded amount of memory. Not thread-safe: one
 * {@link ProcessRunner} call owns it.
 */
final class BoundedOutput {
    static final int HEAD_LIMIT = 64 * 1024;
    static final int TAIL_LIMIT = 16 * 1024;

    private final byte[] head;
    private final byte[] tail;
    private int headLength;
    private long tailWritten;

    BoundedOutput() {
        this(HEAD_LIMIT, TAIL_LIMIT);
    }

    BoundedOutput(int headLimit, int tailLimit) {
        this.head = new byte[headLimit];
        this.tail = new byte[tailLimit];
    }

    void write(byte[] bytes, int offset, int length) {
        int toHead = Math.min(length, head.length - headLength);
        System.arraycopy(bytes, offset, head, headLength, toHead);
        headLength += toHead;
        for (int i = offset + toHead; i < offset + length; i++) {
            tail[(int) (tailWritten++ % tail.length)] = bytes[i];
        }
    }

    /** Head, then "… N bytes omitted …" when anything was dropped, then the tail. */
    String text() {
        String first = new String(head, 0, headLength, StandardCharsets.UTF_8);
        if (tailWritten == 0) {
            return first;
        }
        int kept = (int) Math.min(tailWritten, tail.length);
        byte[] last = new byte[kept];
        for (int i = 0; i < kept; i++) {
            last[i] = tail[(int) ((tailWritten - kept + i) % tail.length)];
        }
        long omitted = tailWritten - kept;
        String marker = omitted > 0 ? "\n… " + omitted + " bytes omitted …\n" : "";
        return first + marker + new String(last, StandardCharsets.UTF_8);
    }
}
