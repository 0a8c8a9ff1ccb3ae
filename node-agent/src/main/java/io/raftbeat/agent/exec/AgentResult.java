package io.raftbeat.agent.exec;

/**
 * The outcome of one agent call. {@code rc} is the OCF exit code after the class's mapping; {@code exitReason} is
 * one line for the operator (empty when there is nothing to say); {@code output} is the captured stdout and stderr,
 * bounded; {@code complianceWarning} is set when the agent broke its class's rules in a way the operator must fix
 * (a Heartbeat status that printed neither {@code running} nor {@code OK}): the caller reports it once per
 * resource, not once per call.
 */
public record AgentResult(
        int rc, ExecStatus status, String exitReason, String output, long execTimeMs, String complianceWarning) {}
