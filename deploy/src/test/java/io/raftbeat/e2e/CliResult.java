package io.raftbeat.e2e;

/** What one run of a CLI program gave: exit code, standard output, standard error. */
record CliResult(int exitCode, String out, String err) {
    boolean ok() {
        return exitCode == 0;
    }

    /** Standard error is exactly one non-empty line. */
    boolean oneErrorLine() {
        return !err.isBlank() && err.strip().lines().count() == 1;
    }

    @Override
    public String toString() {
        return "exit " + exitCode + ", stdout: " + abbreviate(out) + ", stderr: " + abbreviate(err);
    }

    private static String abbreviate(String text) {
        String t = text.strip();
        return t.length() > 400 ? t.substring(0, 400) + "..." : t;
    }
}
