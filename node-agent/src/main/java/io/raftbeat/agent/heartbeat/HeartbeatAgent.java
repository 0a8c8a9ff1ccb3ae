package io.raftbeat.agent.heartbeat;

import io.raftbeat.agent.exec.AgentCall;
import io.raftbeat.agent.exec.AgentResult;
import io.raftbeat.agent.exec.AgentResults;
import io.raftbeat.agent.exec.ProcessRunner;
import io.raftbeat.agent.exec.ResourceAgent;
import io.raftbeat.agent.lsb.InitScript;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code heartbeat:NAME}: Heartbeat 1's {@code resource.d} scripts, run as {@code DIR/NAME ARG1 ARG2 … ACTION}
 * where the arguments are the instance attributes named {@code 1}, {@code 2}, … in numeric order (gaps skipped).
 * Start and stop use LSB exit codes; monitor runs {@code status} and decides from its output alone
 * ({@link HeartbeatStatus}), setting a compliance warning when the output says nothing usable; meta-data is
 * generated from the script's header; there is no validate-all (rc 3). Thread-safe.
 */
public final class HeartbeatAgent implements ResourceAgent {
    private final InitScript scripts;

    public HeartbeatAgent(Path haResourceDir, ProcessRunner runner) {
        this.scripts = new InitScript("heartbeat", haResourceDir, runner);
    }

    @Override
    public AgentResult start(AgentCall call) {
        return scripts.action(call, arguments(call, "start"), "start");
    }

    @Override
    public AgentResult stop(AgentCall call) {
        return scripts.action(call, arguments(call, "stop"), "stop");
    }

    @Override
    public AgentResult monitor(AgentCall call) {
        return scripts.run(call, arguments(call, "status"), o -> {
            HeartbeatStatus status = HeartbeatStatus.of(scripts.agentName(call), o.output());
            return AgentResults.exited(o, status.rc(), status.complianceWarning());
        });
    }

    @Override
    public AgentResult metaData(AgentCall call) {
        return scripts.metaData(call, false);
    }

    @Override
    public AgentResult validate(AgentCall call) {
        return AgentResults.notSupported(
                "heartbeat:" + AgentResults.oneLine(call.type(), 80) + ": Heartbeat scripts have no validate-all");
    }

    /** The values of the parameters named by positive integers, in numeric order, then the action. */
    static List<String> arguments(AgentCall call, String action) {
        Map<Long, String> positional = new TreeMap<>();
        call.parameters().forEach((name, value) -> {
            if (name.matches("[1-9][0-9]{0,8}")) {
                positional.put(Long.parseLong(name), value);
            }
        });
        List<String> args = new ArrayList<>(positional.values());
        args.add(action);
        return args;
    }
}
