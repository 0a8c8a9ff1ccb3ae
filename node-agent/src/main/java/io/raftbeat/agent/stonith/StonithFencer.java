package io.raftbeat.agent.stonith;

import io.raftbeat.agent.exec.AgentCall;
import io.raftbeat.agent.exec.AgentResult;
import io.raftbeat.agent.exec.AgentResults;
import io.raftbeat.agent.exec.ExecStatus;
import io.raftbeat.agent.exec.ProcessRunner;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Fences a node with a {@code stonith:fence_*} device as Pacemaker's fencer does:
 *
 * <pre>
 *   host check (pcmk_host_check) ── the device cannot fence the target ──► rc 1
 *      │  static-list: the target in pcmk_host_list / pcmk_host_map
 *      │  dynamic-list: the target's plug among what "list" prints
 *      │  status: "status" of the target's plug exits 0 (on) or 2 (off)
 *      │  none; unset: dynamic-list if the metadata has "list", else status if it has "status", else none
 *      ▼
 *   action=reboot|off|on (renamed by pcmk_ACTION_action), PLUGARG=plug, the device's parameters ──► exit 0: rc 0
 * </pre>
 *
 * The plug argument is {@code pcmk_host_argument} (default {@code plug}; {@code none}: no plug argument, and a
 * parameter of that name configured on the device wins unless it is {@code dynamic}); the plug is the target's
 * {@code pcmk_host_map} entry, else its name. Thread-safe.
 */
public final class StonithFencer implements FenceDevice {
    private static final Set<String> ACTIONS = Set.of("reboot", "off", "on");
    private static final int REASON_MAX = 300;

    private final DeviceRunner device;

    public StonithFencer(Path fenceDir, ProcessRunner runner) {
        this.device = new DeviceRunner(fenceDir, runner);
    }

    @Override
    public AgentResult fence(AgentCall call, String action, String target) {
        if (!ACTIONS.contains(action)) {
            return AgentResults.invalid("fence action '" + AgentResults.oneLine(action, 40)
                    + "' is not reboot, off or on (device " + call.resourceId() + ")");
        }
        if (target == null || target.isBlank()) {
            return AgentResults.invalid(
                    "fence action " + action + " with device " + call.resourceId() + " names no target node");
        }
        Map<String, String> params = new HashMap<>(call.parameters());
        String plug = DeviceTargets.plugOf(params, target);
        String plugLine = plugLine(params, plug);
        Optional<AgentResult> cannot = hostCheck(call, params, target, plug, plugLine);
        if (cannot.isPresent()) {
            return cannot.get();
        }
        String renamed = params.getOrDefault("pcmk_" + action + "_action", "").strip();
        String sent = renamed.isEmpty() ? action : renamed;
        AgentResult result = device.run(call, sent, true, plugLine, params, exit -> exit == 0 ? 0 : 1);
        if (result.rc() == 0 && result.status() == ExecStatus.DONE) {
            return result;
        }
        String what = "device " + call.resourceId() + " could not " + action + " " + target
                + (plug.equals(target) ? "" : " (plug " + plug + ")");
        return failed(result, what);
    }

    /** The {@code name=plug} line for the agent, or null (no plug argument); drops a {@code dynamic} parameter. */
    private static String plugLine(Map<String, String> params, String plug) {
        String argument = params.getOrDefault(DeviceTargets.HOST_ARGUMENT, "").strip();
        if (argument.isEmpty()) {
            argument = "plug";
        }
        if (argument.equals("none")) {
            return null;
        }
        String configured = params.get(argument);
        if (configured != null && !configured.equals("dynamic")) {
            return null; // the device's own value goes with its parameters
        }
        params.remove(argument);
        return argument + "=" + plug;
    }

    /** Empty when the device may fence {@code target}; else the result saying why it cannot. */
    private Optional<AgentResult> hostCheck(
            AgentCall call, Map<String, String> params, String target, String plug, String plugLine) {
        String check = DeviceTargets.configuredCheck(params);
        if (check.isEmpty()) {
            AgentResult metadata = device.run(call, "metadata", true, null, Map.of(), exit -> exit == 0 ? 0 : 1);
            check = metadata.rc() == 0 ? DeviceTargets.checkFromMetadata(metadata.output()) : "none";
        }
        String cannot = "device " + call.resourceId() + " cannot fence " + target;
        switch (check) {
            case "none" -> {
                return Optional.empty();
            }
            case "static-list" -> {
                if (DeviceTargets.hostList(params.get(DeviceTargets.HOST_LIST)).contains(target)
                        || DeviceTargets.hostMap(params.get(DeviceTargets.HOST_MAP))
                                .containsKey(target)) {
                    return Optional.empty();
                }
                String list = params.containsKey(DeviceTargets.HOST_LIST) ? "pcmk_host_list" : "pcmk_host_map";
                return Optional.of(AgentResults.decided(1, cannot + ": not in " + list));
            }
            case "dynamic-list" -> {
                AgentResult listed = device.run(call, "list", true, null, params, exit -> exit == 0 ? 0 : 1);
                if (listed.rc() != 0 || listed.status() != ExecStatus.DONE) {
                    return Optional.of(failed(listed, cannot + ": its list action failed"));
                }
                if (DeviceTargets.listed(listed.output()).contains(plug)) {
                    return Optional.empty();
                }
                return Optional.of(AgentResults.decided(1, cannot + ": its list does not name plug " + plug));
            }
            case "status" -> {
                // fence-agents' status exits 0 for a plug that is on, 2 for one that is off: either way it knows it.
                AgentResult status =
                        device.run(call, "status", true, plugLine, params, exit -> exit == 0 || exit == 2 ? 0 : 1);
                return status.rc() == 0 && status.status() == ExecStatus.DONE
                        ? Optional.empty()
                        : Optional.of(failed(status, cannot + ": status of plug " + plug + " failed"));
            }
            default -> {
                return Optional.of(AgentResults.invalid("device " + call.resourceId() + ": pcmk_host_check '"
                        + AgentResults.oneLine(check, 40) + "' is not static-list, dynamic-list, status or none"));
            }
        }
    }

    /** {@code result} with its exit reason prefixed by {@code what} and ended by the agent's last output line. */
    private static AgentResult failed(AgentResult result, String what) {
        StringBuilder reason = new StringBuilder(what);
        if (!result.exitReason().isEmpty()) {
            reason.append(": ").append(result.exitReason());
        }
        String last = lastLine(result.output());
        if (!last.isEmpty() && !reason.toString().contains(last)) {
            reason.append(" (").append(last).append(')');
        }
        int rc = result.rc() == 0 ? 1 : result.rc();
        return new AgentResult(
                rc,
                result.status(),
                AgentResults.oneLine(reason.toString(), REASON_MAX),
                result.output(),
                result.execTimeMs(),
                "");
    }

    private static String lastLine(String output) {
        String[] lines = output.strip().split("\n");
        return lines.length == 0 ? "" : lines[lines.length - 1].strip();
    }
}
