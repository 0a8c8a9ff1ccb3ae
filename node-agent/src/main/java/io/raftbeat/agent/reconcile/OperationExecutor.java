package io.raftbeat.agent.reconcile;

import io.raftbeat.agent.exec.AgentCall;
import io.raftbeat.agent.exec.AgentResult;

/**
 * Runs one operation of a resource agent of any class ({@code ResourceAgents::run} in the agent): blocks until
 * the agent exits or its timeout has killed it, and never throws for anything the agent does. Called from the
 * resource queues' threads, never twice at once for one resource.
 */
@FunctionalInterface
public interface OperationExecutor {
    AgentResult run(String resourceClass, String operation, AgentCall call);
}
