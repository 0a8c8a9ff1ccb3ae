package io.raftbeat.status;

/** Pacemaker's score arithmetic: INFINITY is 1000000 and sums saturate there. */
public final class Scores {
    public static final int INFINITY = 1_000_000;

    private Scores() {}

    /** Adds two scores as Pacemaker's pcmk__add_scores does for non-negative counts. */
    public static int add(int a, int b) {
        return (int) Math.max(-INFINITY, Math.min(INFINITY, (long) a + b));
    }
}
