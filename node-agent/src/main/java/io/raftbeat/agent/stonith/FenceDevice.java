package io.raftbeat.agent.stonith;

import io.raftbeat.agent.exec.AgentCall;
import io.raftbeat.agent.exec.AgentResult;

/**
 * The optional ability of a fence device to fence a node, apart from {@link io.raftbeat.agent.exec.ResourceAgent}
 * (the device as a resource: start, stop, monitor). Blocks until the device's agent exits or its timeout killed it;
 * never throws for what the agent does. Called from the node agent's fence threads, any number at once.
 */
public interface FenceDevice {
    /**
     * Runs {@code action} (reboot, off or on) of the device {@code call} names against {@code target}, a node name:
     * rc 0 when the target is fenced, else a one-line exit reason naming the device, the target and what failed.
     */
    AgentResult fence(AgentCall call, String action, String target);
}
