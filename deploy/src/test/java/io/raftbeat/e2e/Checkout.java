package io.raftbeat.e2e;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the built programs are: the top of the checkout (system property {@code raftbeat.root}, set by the build, or
 * found by walking up from the working directory), the store jar and the CLI scripts. A missing jar fails the test
 * with the command that builds it: the end-to-end tests run in {@code mvn verify}, after the jars are packaged.
 */
final class Checkout {
    static final Path ROOT = findRoot();

    private Checkout() {}

    static Path storeJar() {
        return require(ROOT.resolve("cib-store/target/raftbeat-store.jar"));
    }

    static Path agentJar() {
        return require(ROOT.resolve("node-agent/target/raftbeat-agent.jar"));
    }

    /** The local cluster's fence agent, {@code deploy/fence/fence_raftbeat_local}. */
    static Path fenceAgent() {
        return require(ROOT.resolve("deploy/fence/fence_raftbeat_local"));
    }

    static Path cliScript(String program) {
        require(ROOT.resolve("cli/target/raftbeat-cli.jar"));
        return require(ROOT.resolve("cli/bin/" + program));
    }

    private static Path require(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException(file + " is missing: run the end-to-end tests with 'mvn -B verify' from "
                    + ROOT + " (it packages the jars first)");
        }
        return file;
    }

    private static Path findRoot() {
        String property = System.getProperty("raftbeat.root");
        if (property != null && !property.isBlank()) {
            return Path.of(property).toAbsolutePath().normalize();
        }
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            if (Files.isDirectory(dir.resolve("cli/bin")) && Files.isRegularFile(dir.resolve("pom.xml"))) {
                return dir;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("cannot find the checkout (no cli/bin above "
                + Path.of("").toAbsolutePath() + "); set -Draftbeat.root");
    }
}
