package io.raftbeat.cli;

import java.time.Duration;
import picocli.CommandLine.Option;

/** The options every {@code raftbeat} command shares: how long to wait for the cluster. */
final class ConnectionOptions {
    @Option(
            names = {"-t", "--timeout"},
            paramLabel = "SECONDS",
            defaultValue = "10",
            description = "Give up after this long (default ${DEFAULT-VALUE})")
    int timeoutSeconds;

    ClusterConnection connect(CliContext ctx) throws CliFailure {
        if (timeoutSeconds <= 0) {
            throw CliFailure.usage("raftbeat: --timeout (-t) must be above 0 seconds, not " + timeoutSeconds);
        }
        return new ClusterConnection(ServerList.parse(ctx.servers()), Duration.ofSeconds(timeoutSeconds), "raftbeat: ");
    }
}
