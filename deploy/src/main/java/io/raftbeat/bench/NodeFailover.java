package io.raftbeat.bench;

import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.raftbeat.proto.v1.CibOperation;
import io.raftbeat.proto.v1.CibRequest;
import io.raftbeat.proto.v1.CibServiceGrpc;
import io.raftbeat.proto.v1.Event;
import io.raftbeat.proto.v1.EventServiceGrpc;
import io.raftbeat.proto.v1.ListEventsRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Node failover benchmark against the running local cluster with fencing configured (deploy/local-cluster.sh start):
 * an {@code ocf:heartbeat:anything} resource running {@code sleep 4200}; the agent of the node it runs on is killed
 * with SIGKILL, and the clock runs until the resource's process runs on another node (a live pid in that node's pid
 * file: {@code anything} starts its process through {@code su}, which drops the agent's environment marker). On the
 * way: the node's lease expires (node-lost), the fencer reboots it through another node's agent with
 * fence_raftbeat_local (fenced), the scheduler starts the resource elsewhere. Prints p50, p99 and max of kill → node
 * lost, kill → fenced, kill → running elsewhere, and any moment two copies ran at once. Measures, never asserts.
 *
 * <pre>
 * NodeFailover [--runs 20] [--cluster-dir run] [--servers host:port,...]
 * </pre>
 */
public final class NodeFailover {
    private static final String RSC = "bench-failover";
    private static final String TAG = "4200";
    private static final List<String> NODES = List.of("node1", "node2", "node3");

    private NodeFailover() {}

    public static void main(String[] args) throws Exception {
        Flags flags = new Flags(args);
        int runs = flags.integer("--runs", 20);
        Path clusterDir = Path.of(flags.text("--cluster-dir", "run"));
        String servers = flags.text("--servers", Flags.defaultServers());
        ManagedChannel channel = NettyChannelBuilder.forTarget(servers.split(",")[0])
                .usePlaintext()
                .build();
        Latencies lost = new Latencies();
        Latencies fenced = new Latencies();
        Latencies moved = new Latencies();
        int doubled = 0;
        try {
            configure(channel);
            for (int i = 0; i < runs; i++) {
                String node = awaitOneCopy(clusterDir);
                awaitOnline(channel);
                long pid = Long.parseLong(
                        Files.readString(clusterDir.resolve(node + ".pid")).strip());
                long since = lastRevision(channel);
                long killedMs = System.currentTimeMillis();
                long killed = System.nanoTime();
                ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
                int most = 0;
                String now;
                do {
                    List<String> on = runningOn(clusterDir);
                    most = Math.max(most, on.size());
                    now = on.size() == 1 ? on.get(0) : "";
                    Thread.sleep(5);
                } while (now.isEmpty() || now.equals(node));
                long movedNanos = System.nanoTime() - killed;
                moved.add(movedNanos);
                doubled += most > 1 ? 1 : 0;
                for (Event e : events(channel, since)) {
                    if (e.getNode().equals(node) && e.getKind().equals("node-lost")) {
                        lost.add((e.getTimeUnixMs() - killedMs) * 1_000_000);
                    } else if (e.getNode().equals(node) && e.getKind().equals("fenced")) {
                        fenced.add((e.getTimeUnixMs() - killedMs) * 1_000_000);
                    }
                }
                System.out.printf(
                        Locale.ROOT,
                        "run %d: %s's agent killed, %s running on %s after %.0f ms%n",
                        i + 1,
                        node,
                        RSC,
                        now,
                        movedNanos / 1e6);
            }
            apply(channel, CibOperation.CIB_DELETE, "resources", "<primitive id=\"" + RSC + "\"/>");
        } finally {
            channel.shutdownNow();
        }
        print("kill -> node lost (lease 1000 ms)", lost);
        print("kill -> fenced (fence_raftbeat_local)", fenced);
        print("kill -> running on another node", moved);
        System.out.println("runs with two copies alive at once: " + doubled);
    }

    private static void print(String what, Latencies latencies) {
        long[] sorted = Latencies.sortedUnion(List.of(latencies));
        System.out.printf(
                Locale.ROOT,
                "%s (%d runs): p50 %.0f ms  p99 %.0f ms  max %.0f ms%n",
                what,
                sorted.length,
                Latencies.percentileMillis(sorted, 0.50),
                Latencies.percentileMillis(sorted, 0.99),
                Latencies.percentileMillis(sorted, 1.0));
    }

    private static void configure(ManagedChannel channel) {
        apply(
                channel,
                CibOperation.CIB_CREATE,
                "resources",
                "<primitive id=\"" + RSC + "\" class=\"ocf\" provider=\"heartbeat\" type=\"anything\">"
                        + "<instance_attributes id=\"" + RSC + "-ia\">"
                        + "<nvpair id=\"" + RSC + "-bin\" name=\"binfile\" value=\"/bin/sleep\"/>"
                        + "<nvpair id=\"" + RSC + "-args\" name=\"cmdline_options\" value=\"" + TAG + "\"/>"
                        + "</instance_attributes><meta_attributes id=\"" + RSC + "-meta\">"
                        + "<nvpair id=\"" + RSC + "-stick\" name=\"resource-stickiness\" value=\"100\"/>"
                        + "</meta_attributes><operations>"
                        + "<op id=\"" + RSC + "-mon\" name=\"monitor\" interval=\"1s\" timeout=\"10s\"/>"
                        + "</operations></primitive>");
    }

    private static long apply(ManagedChannel channel, CibOperation op, String scope, String xml) {
        return CibServiceGrpc.newBlockingStub(channel)
                .withDeadlineAfter(30, TimeUnit.SECONDS)
                .apply(CibRequest.newBuilder()
                        .setOperation(op)
                        .setScope(scope)
                        .setXml(xml)
                        .build())
                .getRevision();
    }

    /** The nodes whose run directory holds the resource's pid file naming a live process. */
    private static List<String> runningOn(Path clusterDir) {
        return NODES.stream()
                .filter(n -> {
                    try {
                        Path pidFile = clusterDir.resolve(n).resolve("run").resolve("anything_" + RSC + ".pid");
                        return LiveProcesses.alive(
                                Long.parseLong(Files.readString(pidFile).strip()));
                    } catch (java.io.IOException | NumberFormatException e) {
                        return false;
                    }
                })
                .toList();
    }

    /** Waits until one copy runs; returns its node. */
    private static String awaitOneCopy(Path clusterDir) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            List<String> on = runningOn(clusterDir);
            String node = on.size() == 1 ? on.get(0) : "";
            if (!node.isEmpty()) {
                return node;
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException(RSC + " is not running on one node after 120 s");
    }

    /** Waits until every node of the local cluster is online again (a fenced node's agent restarted and joined). */
    private static void awaitOnline(ManagedChannel channel) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            String xml = CibServiceGrpc.newBlockingStub(channel)
                    .withDeadlineAfter(30, TimeUnit.SECONDS)
                    .query(CibRequest.newBuilder()
                            .setOperation(CibOperation.CIB_QUERY)
                            .setScope("status")
                            .build())
                    .getXml();
            if (xml.split("crmd=\"online\"", -1).length - 1 >= 3) {
                return;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("the cluster's nodes are not all online after 120 s");
    }

    private static long lastRevision(ManagedChannel channel) {
        return EventServiceGrpc.newBlockingStub(channel)
                .withDeadlineAfter(30, TimeUnit.SECONDS)
                .listEvents(ListEventsRequest.newBuilder().setLimit(1).build())
                .getRevision();
    }

    private static List<Event> events(ManagedChannel channel, long since) {
        return EventServiceGrpc.newBlockingStub(channel)
                .withDeadlineAfter(30, TimeUnit.SECONDS)
                .listEvents(ListEventsRequest.newBuilder()
                        .setSinceRevision(since)
                        .setLimit(10_000)
                        .build())
                .getEventsList();
    }
}
