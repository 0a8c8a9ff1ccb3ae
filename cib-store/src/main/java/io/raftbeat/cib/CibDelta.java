package io.raftbeat.cib;

import io.raftbeat.proto.v1.Change;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one successful operation changed, in the form the storage persists and the watch streams.
 *
 * @param skeleton the root and section elements without their children (small, rewritten on every change)
 * @param puts top-level elements created or changed, with their new serialized XML
 * @param deletes top-level elements removed
 * @param changes the same changes as the watch and event log show them, in document order
 */
public record CibDelta(byte[] skeleton, Map<ElementKey, byte[]> puts, Set<ElementKey> deletes, List<Change> changes) {}
