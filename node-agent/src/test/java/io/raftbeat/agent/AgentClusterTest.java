package io.raftbeat.agent;

import io.grpc.ClientInterceptor;
import io.raftbeat.agent.exec.AgentPaths;
import io.raftbeat.agent.reconcile.OperationExecutor;
import io.raftbeat.agent.state.Xml;
import io.raftbeat.proto.v1.Action;
import io.raftbeat.proto.v1.AgentServiceGrpc;
import io.raftbeat.proto.v1.CibOperation;
import io.raftbeat.proto.v1.CibRequest;
import io.raftbeat.proto.v1.ListActionsRequest;
import io.raftbeat.proto.v1.ResourceSpec;
import io.raftbeat.proto.v1.UpdateActionsRequest;
import io.raftbeat.server.StoreMember;
import io.raftbeat.server.StoreOptions;
import io.raftbeat.testing.MiniCibCluster;
import io.raftbeat.testing.MiniCibClusterTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;

/**
 * Base of the agent's component tests: a real 3-member store in this JVM, agents started against it with the real
 * executors (counted, so tests can tell how often an operation ran), and helpers to write actions and read the
 * status section.
 */
abstract class AgentClusterTest extends MiniCibClusterTest {
    protected Path haDir;
    protected final List<NodeAgent> agents = new ArrayList<>();
    /** "resource operation interval" → how many times the executors ran it. */
    protected final Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();

    @BeforeEach
    void startCluster() throws Exception {
        cluster = MiniCibCluster.start(dir.resolve("store"), 3, this::storeOptions);
        // These tests write actions by hand for resources the configuration does not hold: the leader's scheduler
        // would stop them as orphans (Pacemaker's stop-orphan-resources), so it is told to leave them alone.
        cluster.cib(cluster.awaitLeader().options().id())
                .withDeadlineAfter(30, TimeUnit.SECONDS)
                .apply(CibRequest.newBuilder()
                        .setOperation(CibOperation.CIB_MODIFY)
                        .setScope("crm_config")
                        .setAllowCreate(true)
                        .setXml(
                                "<crm_config><cluster_property_set id=\"tests\"><nvpair id=\"tests-soe\""
                                        + " name=\"stop-orphan-resources\" value=\"false\"/></cluster_property_set></crm_config>")
                        .build());
        haDir = Files.createDirectories(dir.resolve("ha.d"));
    }

    /** The store members' options; a test class overrides this to change them (e.g. the event retention). */
    protected StoreOptions storeOptions(StoreOptions defaults) {
        return defaults;
    }

    @AfterEach
    void closeAgents() throws InterruptedException {
        agents.forEach(NodeAgent::close);
        // As the crash close() is, it leaves the resources running: end them, found by their marker and cgroup, and
        // remove the emptied cgroup.
        for (NodeAgent agent : agents) {
            agent.processes().killAll();
            agent.processes().close();
        }
    }

    protected AgentPaths paths(String node) throws Exception {
        AgentPaths d = AgentPaths.defaults();
        return new AgentPaths(
                d.ocfRoot(), d.initDir(), haDir, d.fenceDir(), Files.createDirectories(dir.resolve(node + "-run")));
    }

    protected AgentOptions options(String node) throws Exception {
        List<String> servers = new ArrayList<>();
        for (String id : List.of("store1", "store2", "store3")) {
            servers.add(cluster.options(id).grpcAddress().toString());
        }
        // Self-fencing off except where tested (SelfFenceTest): on this shared, noisy machine a heartbeat late by
        // 0.75 s would stop the resources other tests watch.
        return new AgentOptions(
                        node, servers, dir.resolve(node), Duration.ofMillis(1000), Duration.ofMillis(200), paths(node))
                .withSelfFence(false);
    }

    /** Starts an agent and returns once it runs (joined, probed, watching). */
    protected NodeAgent startAgent(String node) throws Exception {
        return startAgent(node, List.of());
    }

    /** Starts an agent whose calls to the store go through {@code network}; returns once it runs. */
    protected NodeAgent startAgent(String node, List<ClientInterceptor> network) throws Exception {
        return startAgent(options(node), network);
    }

    /** Starts an agent with these options whose calls to the store go through {@code network}. */
    protected NodeAgent startAgent(AgentOptions options, List<ClientInterceptor> network) throws Exception {
        UnaryOperator<OperationExecutor> counted = real -> (cls, op, call) -> {
            runs.computeIfAbsent(call.resourceId() + " " + op + " " + call.intervalMs(), k -> new AtomicInteger())
                    .incrementAndGet();
            return real.run(cls, op, call);
        };
        NodeAgent agent = new NodeAgent(options, counted, network);
        agents.add(agent);
        agent.start();
        return agent;
    }

    protected int runs(String rsc, String op, long intervalMs) {
        AtomicInteger n = runs.get(rsc + " " + op + " " + intervalMs);
        return n == null ? 0 : n.get();
    }

    protected String leaderId() {
        StoreMember leader = cluster.awaitLeader();
        return leader.options().id();
    }

    protected AgentServiceGrpc.AgentServiceBlockingStub agentService() {
        return AgentServiceGrpc.newBlockingStub(cluster.channel(leaderId())).withDeadlineAfter(30, TimeUnit.SECONDS);
    }

    protected static ResourceSpec ocf(String id, String type, Map<String, String> params) {
        return ResourceSpec.newBuilder()
                .setId(id)
                .setResourceClass("ocf")
                .setProvider("heartbeat")
                .setType(type)
                .putAllParameters(params)
                .build();
    }

    protected static Action action(
            String node, long transition, int index, ResourceSpec rsc, String op, long interval, int targetRc) {
        return Action.newBuilder()
                .setId(transition + ":" + index)
                .setNode(node)
                .setTransitionId(transition)
                .setResource(rsc)
                .setOperation(op)
                .setIntervalMs(interval)
                .setTimeoutMs(20_000)
                .setTargetRc(targetRc)
                .build();
    }

    protected long put(Action... actions) {
        return agentService()
                .updateActions(UpdateActionsRequest.newBuilder()
                        .addAllPut(List.of(actions))
                        .build())
                .getRevision();
    }

    protected Action listed(String node, String id) {
        return agentService()
                .listActions(ListActionsRequest.newBuilder().setNode(node).build())
                .getActionsList()
                .stream()
                .filter(a -> a.getId().equals(id))
                .findFirst()
                .orElseThrow();
    }

    /** The node's node_state attributes, or empty when it has none. */
    protected Map<String, String> nodeState(String node) {
        return attributes("/cib/status/node_state[@id='" + node + "']");
    }

    /** The attributes of lrm_rsc_op {@code opId} in the node's history, or empty when there is none. */
    protected Map<String, String> op(String node, String opId) {
        return attributes("/cib/status/node_state[@id='" + node + "']//lrm_rsc_op[@id='" + opId + "']");
    }

    private Map<String, String> attributes(String xpath) {
        String xml;
        try {
            xml = cluster.cib(leaderId())
                    .query(CibRequest.newBuilder()
                            .setOperation(CibOperation.CIB_QUERY)
                            .setXpath(xpath)
                            .setNoChildren(true)
                            .build())
                    .getXml();
        } catch (io.grpc.StatusRuntimeException e) {
            return Map.of();
        }
        Element e = Xml.parse(xml, "XML").getDocumentElement();
        Map<String, String> attrs = new HashMap<>();
        NamedNodeMap map = e.getAttributes();
        for (int i = 0; i < map.getLength(); i++) {
            attrs.put(map.item(i).getNodeName(), map.item(i).getNodeValue());
        }
        return attrs;
    }

    /** Waits until the lrm_rsc_op exists with these attribute values; returns its attributes. */
    protected Map<String, String> awaitOp(String node, String opId, Map<String, String> expected) {
        Map<String, String>[] seen = new Map[1];
        MiniCibCluster.await(opId + " " + expected + " on " + node, () -> {
            seen[0] = op(node, opId);
            return seen[0].entrySet().containsAll(expected.entrySet());
        });
        return seen[0];
    }

    protected void awaitNodeState(String node, Map<String, String> expected) {
        MiniCibCluster.await(
                node + " node_state " + expected,
                () -> nodeState(node).entrySet().containsAll(expected.entrySet()));
    }

    /** Applies {@code xml} to {@code scope} of the CIB through the leader. */
    protected void apply(CibOperation op, String scope, String xml) {
        cluster.cib(leaderId())
                .withDeadlineAfter(30, TimeUnit.SECONDS)
                .apply(CibRequest.newBuilder()
                        .setOperation(op)
                        .setScope(scope)
                        .setAllowCreate(true)
                        .setXml(xml)
                        .build());
    }

    protected long revision() {
        return cluster.member(leaderId()).raft().stateMachine().revision();
    }
}
