package io.raftbeat.agent.ocf;

import io.raftbeat.agent.exec.AgentCall;
import io.raftbeat.agent.exec.AgentCommands;
import io.raftbeat.agent.exec.AgentNames;
import io.raftbeat.agent.exec.AgentResult;
import io.raftbeat.agent.exec.AgentResults;
import io.raftbeat.agent.exec.ProcessOutcome;
import io.raftbeat.agent.exec.ProcessRunner;
import io.raftbeat.agent.exec.ResourceAgent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code ocf:PROVIDER:TYPE}: runs {@code $OCF_ROOT/resource.d/PROVIDER/TYPE ACTION} with the OCF 1.1 environment
 * (see {@link #environment}). Exit codes 0-9, 190 and 191 are the rc as they are; any other code is 1 (generic
 * error), as Pacemaker's executor maps them. Thread-safe.
 */
public final class OcfAgent implements ResourceAgent {
    private final Path ocfRoot;
    private final Path runDir;
    private final ProcessRunner runner;

    public OcfAgent(Path ocfRoot, Path runDir, ProcessRunner runner) {
        this.ocfRoot = ocfRoot;
        this.runDir = runDir;
        this.runner = runner;
    }

    @Override
    public AgentResult start(AgentCall call) {
        return run("start", call);
    }

    @Override
    public AgentResult stop(AgentCall call) {
        return run("stop", call);
    }

    @Override
    public AgentResult monitor(AgentCall call) {
        return run("monitor", call);
    }

    @Override
    public AgentResult metaData(AgentCall call) {
        return run("meta-data", call);
    }

    @Override
    public AgentResult validate(AgentCall call) {
        return run("validate-all", call);
    }

    private AgentResult run(String action, AgentCall call) {
        Optional<AgentResult> bad = AgentNames.check("provider", call.provider())
                .or(() -> AgentNames.check("type", call.type()))
                .or(() -> action.equals("meta-data") && call.resourceId().isEmpty()
                        ? Optional.empty()
                        : AgentNames.checkResourceId(call.resourceId()))
                .or(() -> AgentNames.checkParameters(call.parameters()))
                .or(() -> AgentNames.checkParameters(call.meta()));
        if (bad.isPresent()) {
            return bad.get();
        }
        String agent = "ocf:" + call.provider() + ":" + call.type();
        Path script = ocfRoot.resolve("resource.d").resolve(call.provider()).resolve(call.type());
        Optional<AgentResult> missing = AgentResults.missing(agent, script);
        if (missing.isPresent()) {
            return missing.get();
        }
        Path rscTmp = runDir.resolve("resource-agents");
        try {
            Files.createDirectories(rscTmp);
        } catch (IOException e) {
            return AgentResults.notInstalled(agent + ": cannot create HA_RSCTMP " + rscTmp + ": " + e.getMessage());
        }
        ProcessOutcome outcome = runner.run(
                AgentCommands.of(List.of(script.toString(), action), environment(call, rscTmp), new byte[0], call));
        return AgentResults.unfinished(agent, outcome)
                .orElseGet(() -> AgentResults.exited(outcome, rcOf(outcome.exitCode()), ""));
    }

    /**
     * OCF_ROOT, OCF_RA_VERSION_MAJOR/MINOR (1.1), OCF_RESOURCE_INSTANCE/TYPE/PROVIDER, OCF_RESKEY_name per
     * parameter, OCF_RESKEY_CRM_meta_name per meta attribute (dashes become underscores, as Pacemaker's
     * {@code crm_meta_name} does), CRM_meta_interval and CRM_meta_timeout in ms, HA_RSCTMP and HA_VARRUN.
     */
    Map<String, String> environment(AgentCall call, Path rscTmp) {
        Map<String, String> env = new HashMap<>();
        call.parameters().forEach((k, v) -> env.put("OCF_RESKEY_" + k, v));
        call.meta().forEach((k, v) -> env.put("OCF_RESKEY_CRM_meta_" + k.replace('-', '_'), v));
        env.put("OCF_RESKEY_CRM_meta_interval", Long.toString(call.intervalMs()));
        env.put(
                "OCF_RESKEY_CRM_meta_timeout",
                Long.toString(AgentCommands.timeoutOf(call).toMillis()));
        env.put("OCF_ROOT", ocfRoot.toString());
        env.put("OCF_RA_VERSION_MAJOR", "1");
        env.put("OCF_RA_VERSION_MINOR", "1");
        env.put("OCF_RESOURCE_INSTANCE", call.resourceId());
        env.put("OCF_RESOURCE_TYPE", call.type());
        env.put("OCF_RESOURCE_PROVIDER", call.provider());
        env.put("OCF_EXIT_REASON_PREFIX", AgentResults.EXIT_REASON_PREFIX);
        env.put("HA_RSCTMP", rscTmp.toString());
        env.put("HA_VARRUN", runDir.toString());
        return env;
    }

    /** The rc Pacemaker records for an OCF agent's exit code. */
    static int rcOf(int exitCode) {
        return (exitCode >= 0 && exitCode <= 9) || exitCode == 190 || exitCode == 191 ? exitCode : 1;
    }
}
