package io.raftbeat.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.raftbeat.proto.v1.Member;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class MemberLinesTest {
    @Test
    void aPeerTheAnsweringMemberCannotSeeIntoShowsUnknownRevisionAndTerm() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Member leader = Member.newBuilder()
                .setId("store1")
                .setLeader(true)
                .setReachable(true)
                .setAppliedRevision(42)
                .setTerm(3)
                .build();
        Member follower = Member.newBuilder().setId("store2").setReachable(true).build();
        MemberLines.print(List.of(leader, follower), new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String[] lines = bytes.toString(StandardCharsets.UTF_8).split("\n");
        assertEquals(
                List.of("store1", "leader", "yes", "42", "3"),
                List.of(lines[1].trim().split("\\s+")));
        assertEquals(
                List.of("store2", "follower", "yes", "-", "-"),
                List.of(lines[2].trim().split("\\s+")));
    }
}
