package io.raftbeat.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.Map;

/**
 * What a command sees of the outside world: the environment, standard input and the two output streams. Passed in
 * rather than read from {@link System} so that tests run commands in-process.
 */
public record CliContext(Map<String, String> env, InputStream in, PrintStream out, PrintStream err) {
    /** The cluster members from {@code CIB_SERVER}, or the local cluster's three members. */
    public static final String DEFAULT_SERVERS = "127.0.0.1:7001,127.0.0.1:7002,127.0.0.1:7003";

    public static CliContext system() {
        return new CliContext(System.getenv(), System.in, System.out, System.err);
    }

    /** {@code CIB_SERVER}, or the default when unset or blank. */
    public String servers() {
        String value = env.get("CIB_SERVER");
        return value == null || value.isBlank() ? DEFAULT_SERVERS : value;
    }

    /** {@code CIB_file}, or null when the command must talk to the cluster. */
    public String cibFile() {
        String value = env.get("CIB_file");
        return value == null || value.isBlank() ? null : value;
    }
}
