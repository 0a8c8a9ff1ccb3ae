package io.raftbeat.scheduler;

/**
 * One score the placement weighed, as crm_simulate {@code -s} prints it: {@code <step>: <resource> allocation score on
 * <node>: <score>}. {@code step} is Pacemaker's function name for the stage ({@code pcmk__group_assign} for a group
 * and its members before the group is placed, {@code pcmk__primitive_assign} for each primitive as it is placed).
 */
public record AllocationScore(String step, String resource, String node, int score) {}
