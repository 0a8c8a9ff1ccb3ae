package io.raftbeat.agent.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class BoundedOutputTest {
    private static void write(BoundedOutput out, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        out.write(bytes, 0, bytes.length);
    }

    @Test
    void shortOutputIsKeptWhole() {
        BoundedOutput out = new BoundedOutput(10, 5);
        write(out, "0123456789");
        write(out, "abc");
        assertEquals("0123456789abc", out.text());
    }

    @Test
    void longOutputKeepsHeadAndTailAndCountsTheRest() {
        BoundedOutput out = new BoundedOutput(4, 3);
        write(out, "abcdefgh");
        write(out, "ijklm");
        assertEquals("abcd\n… 6 bytes omitted …\nklm", out.text());
    }
}
