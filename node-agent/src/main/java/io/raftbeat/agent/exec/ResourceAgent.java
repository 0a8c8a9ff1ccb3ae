package io.raftbeat.agent.exec;

/**
 * One class of resource agent (OCF, LSB, Heartbeat, stonith) behind the calls the cluster makes. Every call runs
 * the agent as a child process with an argv (never a shell), the call's timeout (then SIGTERM, then SIGKILL to its
 * process group) and bounded captured output, and returns a result: it never throws for anything the agent does
 * (missing, hanging, crashing, printing megabytes) and never blocks past the timeout plus the kill grace.
 *
 * <p>Results carry the OCF exit code after the class's mapping, as Pacemaker's executor maps them. Thread-safe:
 * the agent calls these from several threads at once (one resource's calls are never concurrent).
 */
public interface ResourceAgent {
    AgentResult start(AgentCall call);

    AgentResult stop(AgentCall call);

    /** A recurring monitor when {@code call.intervalMs() > 0}, a probe when 0. */
    AgentResult monitor(AgentCall call);

    AgentResult metaData(AgentCall call);

    AgentResult validate(AgentCall call);
}
