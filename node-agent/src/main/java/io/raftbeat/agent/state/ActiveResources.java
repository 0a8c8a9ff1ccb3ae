package io.raftbeat.agent.state;

import io.raftbeat.proto.v1.ResourceSpec;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The resources that may run on this node as far as the agent's own results tell, with the spec each was last run
 * with, so that self-fencing can stop them when the store is out of reach. As Pacemaker's unpack_rsc_op: a
 * successful stop, or a monitor that found it not running (7) or not installed, ends a resource; any other result,
 * failures included (a failed start may have left something behind), keeps or makes it active. Cancelled results,
 * meta-data and validate-all say nothing. Thread-safe: every resource queue records into it.
 */
public final class ActiveResources {
    private static final int DONE = 0;
    private static final int CANCELLED = 1;
    private static final int NOT_INSTALLED = 7;

    private final Map<String, ResourceSpec> active = new ConcurrentHashMap<>();

    /** Notes the result (rc, op-status) of {@code operation} run on {@code spec}. */
    public void record(ResourceSpec spec, String operation, int rc, int opStatus) {
        if (opStatus == CANCELLED || operation.equals("meta-data") || operation.equals("validate-all")) {
            return;
        }
        boolean done = opStatus == DONE;
        boolean stopped = done && rc == 0 && operation.equals("stop");
        boolean notRunning = operation.equals("monitor") && (done && (rc == 7 || rc == 5) || opStatus == NOT_INSTALLED);
        if (stopped || notRunning) {
            active.remove(spec.getId());
        } else {
            active.put(spec.getId(), spec);
        }
    }

    /** The resources that may run here now. */
    public List<ResourceSpec> list() {
        return List.copyOf(active.values());
    }
}
