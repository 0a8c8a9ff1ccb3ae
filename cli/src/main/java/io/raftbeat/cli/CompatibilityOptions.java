package io.raftbeat.cli;

import picocli.CommandLine.Option;

/** The flags every Pacemaker tool takes: {@code -V} (accepted; output does not change) and {@code -?}/{@code --help}. */
final class CompatibilityOptions {
    @Option(
            names = {"-V", "--verbose"},
            description = "Accepted for compatibility")
    boolean[] verbose;

    @Option(
            names = {"-?", "--help"},
            usageHelp = true,
            description = "Show this help")
    boolean help;
}
