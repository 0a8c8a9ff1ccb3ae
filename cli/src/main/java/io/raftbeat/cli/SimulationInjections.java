package io.raftbeat.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * crm_simulate's requested modifications ({@code -u}, {@code -d}, {@code -f}, {@code -i}), applied to the CIB before
 * scheduling in Pacemaker's order (nodes up, down, failed, then operation results), each announced with the line
 * Pacemaker prints under "Performing Requested Modifications:". Mutates the document; one thread.
 */
record SimulationInjections(List<String> nodesUp, List<String> nodesDown, List<String> nodesFailed, List<String> ops) {
    /** {@code rsc1_monitor_10000@node1=7}: an operation key, a node and an OCF return code. */
    static final Pattern OP_SPEC = Pattern.compile("([^@]+)@([^=]+)=(-?\\d+)");

    private static final Pattern OP_KEY = Pattern.compile("(.+)_([a-z_-]+?)_(\\d+)");

    SimulationInjections {
        nodesUp = List.copyOf(nodesUp);
        nodesDown = List.copyOf(nodesDown);
        nodesFailed = List.copyOf(nodesFailed);
        ops = List.copyOf(ops);
    }

    boolean isEmpty() {
        return nodesUp.isEmpty() && nodesDown.isEmpty() && nodesFailed.isEmpty() && ops.isEmpty();
    }

    /** Applies every injection and returns the lines to print, without the list's {@code  * } indentation. */
    List<String> apply(Document cib, long nowSeconds) throws CliFailure {
        SimulatedStatus status = new SimulatedStatus(cib, nowSeconds);
        List<String> lines = new ArrayList<>();
        for (String node : nodesUp) {
            lines.add("Bringing node " + node + " online");
            status.nodeUp(node, true);
        }
        for (String node : nodesDown) {
            lines.add("Taking node " + node + " offline");
            status.nodeUp(node, false);
        }
        for (String node : nodesFailed) {
            lines.add("Failing node " + node);
            status.nodeFail(node);
        }
        for (String spec : ops) {
            lines.add("Injecting " + spec + " into the configuration");
            OpSpec op = OpSpec.parse(spec, "--op-inject (-i)");
            Element primitive = primitive(cib, op.resource());
            if (primitive == null) {
                throw new CliFailure(105, "crm_simulate: Invalid resource name: " + op.resource()); // NOSUCH
            }
            Element state = status.nodeState(op.node());
            lines.addAll(status.failCount(state, op.resource(), op.task(), op.intervalMs(), op.rc()));
            status.result(state, primitive, op.task(), op.intervalMs(), op.rc(), 0, "Simulated action result", false);
        }
        return lines;
    }

    /** The configured primitive with that id, wherever it sits in the resources section; null when there is none. */
    static Element primitive(Document cib, String id) {
        var found = cib.getElementsByTagName("primitive");
        for (int i = 0; i < found.getLength(); i++) {
            Element e = (Element) found.item(i);
            if (id.equals(e.getAttribute("id"))) {
                return e;
            }
        }
        return null;
    }

    /** One {@code OP@NODE=RC} of {@code -i} or {@code -F}, its key split as Pacemaker's parse_op_key does. */
    record OpSpec(String resource, String task, long intervalMs, String node, int rc) {
        static OpSpec parse(String spec, String option) throws CliFailure {
            Matcher m = OP_SPEC.matcher(spec);
            Matcher key = m.matches() ? OP_KEY.matcher(m.group(1)) : null;
            if (key == null || !key.matches()) {
                throw CliFailure.usage("crm_simulate: " + option + " wants RSC_OP_INTERVAL@NODE=RC, e.g."
                        + " rsc1_monitor_10000@node1=7, not '" + spec + "'");
            }
            return new OpSpec(
                    key.group(1), key.group(2), Long.parseLong(key.group(3)), m.group(2), Integer.parseInt(m.group(3)));
        }

        String key() {
            return resource + "_" + task + "_" + intervalMs;
        }
    }
}
