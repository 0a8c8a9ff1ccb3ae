package io.raftbeat.raft;

import io.raftbeat.cib.Cib;
import io.raftbeat.cib.CibException;

/** A read of the in-memory CIB; runs while the apply thread is held off, so it must be short and not keep the Cib. */
@FunctionalInterface
public interface CibReader<T> {
    T read(Cib cib, long revision) throws CibException;
}
