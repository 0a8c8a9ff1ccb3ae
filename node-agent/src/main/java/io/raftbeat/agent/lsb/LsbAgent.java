package io.raftbeat.agent.lsb;

import io.raftbeat.agent.exec.AgentCall;
import io.raftbeat.agent.exec.AgentResult;
import io.raftbeat.agent.exec.AgentResults;
import io.raftbeat.agent.exec.ProcessRunner;
import io.raftbeat.agent.exec.ResourceAgent;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code lsb:NAME}: runs {@code INITDIR/NAME start|stop|status} with exit codes as Pacemaker maps them
 * ({@link LsbExitCodes}); monitor runs {@code status}; meta-data is generated from the script's LSB header, as
 * Pacemaker does; LSB scripts have no validate-all (rc 3). Instance attributes are not passed: init scripts take
 * none. Thread-safe.
 */
public final class LsbAgent implements ResourceAgent {
    private final InitScript scripts;

    public LsbAgent(Path initDir, ProcessRunner runner) {
        this.scripts = new InitScript("lsb", initDir, runner);
    }

    @Override
    public AgentResult start(AgentCall call) {
        return scripts.action(call, List.of("start"), "start");
    }

    @Override
    public AgentResult stop(AgentCall call) {
        return scripts.action(call, List.of("stop"), "stop");
    }

    @Override
    public AgentResult monitor(AgentCall call) {
        return scripts.run(call, List.of("status"), o -> AgentResults.exited(o, LsbExitCodes.status(o.exitCode()), ""));
    }

    @Override
    public AgentResult metaData(AgentCall call) {
        return scripts.metaData(call, true);
    }

    @Override
    public AgentResult validate(AgentCall call) {
        return AgentResults.notSupported(
                "lsb:" + AgentResults.oneLine(call.type(), 80) + ": LSB init scripts have no validate-all");
    }
}
