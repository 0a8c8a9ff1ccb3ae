package io.raftbeat.cli;

import io.raftbeat.proto.v1.Member;
import java.io.PrintStream;
import java.util.List;

/** How members are printed: a header and one aligned line per member. */
final class MemberLines {
    private static final String FORMAT = "%-10s %-22s %-22s %-9s %-9s %9s %5s%n";

    private MemberLines() {}

    static void print(List<Member> members, PrintStream out) {
        out.printf(FORMAT, "ID", "RAFT", "GRPC", "ROLE", "REACHABLE", "REVISION", "TERM");
        for (Member m : members) {
            out.printf(
                    FORMAT,
                    m.getId(),
                    m.getRaftAddress(),
                    m.getGrpcAddress(),
                    m.getLeader() ? "leader" : "follower",
                    m.getReachable() ? "yes" : "no",
                    known(m.getAppliedRevision()),
                    known(m.getTerm()));
        }
        out.flush();
    }

    /** Zero is what the answering member reports for a peer it cannot see into: print it as unknown. */
    private static String known(long value) {
        return value == 0 ? "-" : Long.toString(value);
    }

    /** The leader line that scripts parse: the member's name first, e.g. {@code store2 127.0.0.1:7002 term 3}. */
    static String leaderLine(Member leader, long term) {
        return leader.getId() + " " + leader.getGrpcAddress() + " term " + term;
    }
}
