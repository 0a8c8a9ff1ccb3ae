package io.raftbeat.scheduler;

import org.w3c.dom.Document;

/**
 * Raftbeat's quorum: the store's leader holds a Raft majority of the members, and only the leader schedules, so the
 * cluster it schedules is quorate whatever agents it hears from (an agent cut off loses its lease instead). Pacemaker
 * records quorum in the CIB's {@code have-quorum} attribute, which the store never writes: a live CIB is marked
 * quorate before it is scheduled, by the leader and by {@code crm_simulate -L} alike. Pure.
 */
public final class RaftQuorum {
    private RaftQuorum() {}

    public static void mark(Document liveCib) {
        liveCib.getDocumentElement().setAttribute("have-quorum", "1");
    }
}
