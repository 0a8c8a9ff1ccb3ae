package io.raftbeat.agent;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.raftbeat.agent.exec.NodeProcesses;
import io.raftbeat.agent.exec.TestScripts;
import io.raftbeat.proto.v1.CibOperation;
import io.raftbeat.proto.v1.ResourceSpec;
import io.raftbeat.testing.MiniCibCluster;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Self-fencing against a real store: every member stopped, so that no heartbeat is acknowledged, while real
 * resource processes run: ocf:heartbeat:anything running sleep, and a Heartbeat script that starts its daemon as
 * anything does ({@code su - root -c "nohup ... &"}: no environment marker, a session of its own) and whose stop
 * hangs, so that only the kill step, through the node's cgroup, can end it. The processes themselves must go, not
 * only the CIB.
 */
@Timeout(180)
class SelfFenceTest extends AgentClusterTest {
    private static final List<String> MEMBERS = List.of("store1", "store2", "store3");
    private Path stubbornPid;

    @Override
    protected AgentOptions options(String node) throws Exception {
        return super.options(node).withSelfFence(true);
    }

    @org.junit.jupiter.api.BeforeEach
    void stubbornPidFile() {
        stubbornPid = dir.resolve("stubborn.pid");
    }

    private long startSleeper(String node) throws Exception {
        put(action(node, 1, 0, sleeper(), "start", 0, 0));
        awaitOp(node, "sleeper_last_0", Map.of("operation", "start", "rc-code", "0"));
        Path pidFile = dir.resolve(node + "-run").resolve("anything_sleeper.pid");
        return TestScripts.readPid(pidFile, Duration.ofSeconds(10));
    }

    /**
     * Configures heartbeat:stubborn, whose daemon runs in a session of its own and whose stop hangs, and
     * ocf:heartbeat:anything running sleep; the scheduler starts both on the only node.
     */
    private void configure() throws Exception {
        TestScripts.write(
                haDir.resolve("stubborn"),
                "case \"$1\" in\n"
                        // As ocf:heartbeat:anything does: su - clears the environment (no marker) and the session.
                        + "  start) su - root -c \"nohup sleep 1000 > /dev/null 2>&1 < /dev/null & echo \\$! > "
                        + stubbornPid + "\" ;;\n"
                        + "  stop) sleep 1000 ;;\n"
                        // a killed daemon may stay a zombie where nothing reaps orphans: that is stopped too
                        + "  status) case \"$(ps -o stat= -p \"$(cat " + stubbornPid + ")\")\" in\n"
                        + "    ''|Z*) echo stopped ;;\n    *) echo running ;;\n  esac ;;\n"
                        + "esac\n");
        apply(
                CibOperation.CIB_MODIFY,
                "crm_config",
                "<cluster_property_set id=\"no-fencing\"><nvpair id=\"no-fencing-1\""
                        + " name=\"stonith-enabled\" value=\"false\"/></cluster_property_set>");
        apply(
                CibOperation.CIB_CREATE,
                "resources",
                "<primitive id=\"stubborn\" class=\"heartbeat\" type=\"stubborn\"/>");
        apply(
                CibOperation.CIB_CREATE,
                "resources",
                "<primitive id=\"sleeper\" class=\"ocf\" provider=\"heartbeat\" type=\"anything\">"
                        + "<instance_attributes id=\"sleeper-ia\"><nvpair id=\"sleeper-bin\" name=\"binfile\""
                        + " value=\"/bin/sleep\"/><nvpair id=\"sleeper-opts\" name=\"cmdline_options\" value=\"1000\"/>"
                        + "</instance_attributes></primitive>");
    }

    /** Waits for a successful start of {@code rsc} with a call-id above {@code after}; returns its call-id. */
    private long awaitStart(String rsc, long after) {
        long[] callId = new long[1];
        MiniCibCluster.await(rsc + " started after call " + after, () -> {
            Map<String, String> op = op("node1", rsc + "_last_0");
            if (!"start".equals(op.get("operation")) || !"0".equals(op.get("rc-code"))) {
                return false;
            }
            callId[0] = Long.parseLong(op.get("call-id"));
            return callId[0] > after;
        });
        return callId[0];
    }

    private void startMembers() throws Exception {
        for (String id : MEMBERS) {
            cluster.startMember(id);
        }
    }

    private static ResourceSpec sleeper() {
        return ocf("sleeper", "anything", Map.of("binfile", "/bin/sleep", "cmdline_options", "1000"));
    }

    @Test
    void anAgentCutOffFromTheStoreStopsItsResourcesThenProbesWhenItIsBack() throws Exception {
        configure();
        NodeAgent agent = startAgent("node1");
        long sleeperStart = awaitStart("sleeper", 0);
        long stubbornStart = awaitStart("stubborn", 0);
        long pid =
                TestScripts.readPid(dir.resolve("node1-run").resolve("anything_sleeper.pid"), Duration.ofSeconds(10));
        long daemon = TestScripts.readPid(stubbornPid, Duration.ofSeconds(10));
        assertTrue(agent.processes().find().contains(daemon), "the su - daemon is not found (not in the cgroup)");
        try {
            MEMBERS.forEach(cluster::stopMember);
            // The lease is 1 s: the stop begins at 0.75 s, the kill at 0.95 s. These are deadlines, not speed checks,
            // shorter than the hanging stop's own 20 s timeout: only the kill step ends the daemon in time.
            TestScripts.awaitGone(pid, Duration.ofSeconds(15));
            TestScripts.awaitGone(daemon, Duration.ofSeconds(15));
            startMembers();
            // Back: the agent probes, finds both stopped, and the cluster starts them again.
            awaitStart("sleeper", sleeperStart);
            awaitStart("stubborn", stubbornStart);
        } finally {
            TestScripts.kill(pid);
            TestScripts.kill(daemon);
            agent.processes().killAll();
        }
    }

    @Test
    void withSelfFencingOffTheResourceKeepsRunning() throws Exception {
        startAgent(options("node1").withSelfFence(false), List.of());
        long pid = startSleeper("node1");
        try {
            MEMBERS.forEach(cluster::stopMember);
            Thread.sleep(3000); // three leases: long past the kill step
            assertFalse(TestScripts.gone(pid), "the resource was stopped with self-fencing off");
            startMembers();
            cluster.awaitLeader();
        } finally {
            TestScripts.kill(pid);
            new NodeProcesses("node1").killAll();
        }
    }

    @Test
    void aStoreLeaderDyingIsAnElectionNotACutAndStopsNothing() throws Exception {
        startAgent("node1");
        long pid = startSleeper("node1");
        try {
            String old = leaderId();
            cluster.stopMember(old);
            // The surviving members answer (forwarding the heartbeat, or saying no leader is elected yet): a majority
            // answered, so the lease counts as renewed through the election and nothing is stopped.
            String now = leaderId();
            Thread.sleep(3000);
            assertFalse(TestScripts.gone(pid), "the resource was stopped during a store election");
            assertTrue(!now.equals(old));
            cluster.startMember(old);
        } finally {
            TestScripts.kill(pid);
            new NodeProcesses("node1").killAll();
        }
    }
}
