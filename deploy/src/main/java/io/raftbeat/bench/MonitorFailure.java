package io.raftbeat.bench;

import io.grpc.Context;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.raftbeat.deploy.Actions;
import io.raftbeat.proto.v1.Change;
import io.raftbeat.proto.v1.CibOperation;
import io.raftbeat.proto.v1.CibRequest;
import io.raftbeat.proto.v1.CibServiceGrpc;
import io.raftbeat.proto.v1.Event;
import io.raftbeat.proto.v1.ResourceSpec;
import io.raftbeat.proto.v1.WatchRequest;
import io.raftbeat.proto.v1.WatchResponse;
import io.raftbeat.proto.v1.WatchServiceGrpc;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * Failure detection benchmark against the running local cluster with its agents: an {@code ocf:heartbeat:anything}
 * resource running {@code sleep} under a 1 s monitor on one node; its process is killed with SIGKILL at a random
 * point of the monitor's period, and the time
 * from the kill to the failed monitor result (any rc but 0: anything says 1) arriving on a watch of the status section is measured — the
 * result is committed by then. Between kills the resource is started again through actions (there is no scheduler
 * yet). Prints p50, p99 and max. Measures, never asserts.
 *
 * <pre>
 * MonitorFailure [--kills 50] [--node node1] [--run-dir run/node1/run] [--servers host:port,...] [--seed 1]
 * </pre>
 */
public final class MonitorFailure {
    private static final String RSC = "bench-sleeper";

    private MonitorFailure() {}

    public static void main(String[] args) throws Exception {
        Flags flags = new Flags(args);
        int kills = flags.integer("--kills", 50);
        String node = flags.text("--node", "node1");
        Path runDir = Path.of(flags.text("--run-dir", "run/" + node + "/run"));
        List<String> servers =
                Arrays.asList(flags.text("--servers", Flags.defaultServers()).split(","));
        ManagedChannel channel =
                NettyChannelBuilder.forTarget(servers.get(0)).usePlaintext().build();
        ResourceSpec spec = ResourceSpec.newBuilder()
                .setId(RSC)
                .setResourceClass("ocf")
                .setProvider("heartbeat")
                .setType("anything")
                .putParameters("binfile", "/bin/sleep")
                .putParameters("cmdline_options", "3600")
                .build();
        long transition = System.currentTimeMillis();
        Latencies latencies = new Latencies();
        Random random = new Random(flags.integer("--seed", 1));
        try (Actions actions = new Actions(servers)) {
            configure(channel);
            for (int i = 0; i < kills; i++) {
                long t = transition + i;
                long from = actions.put(
                        Actions.action(node, t, 1, spec, "start", 0),
                        Actions.action(node, t, 2, spec, "monitor", 1000));
                from = awaitMonitor(channel, node, from, true);
                // At a random point of the monitor's period, as a real failure would fall.
                Thread.sleep(random.nextInt(1000));
                long pid = Long.parseLong(Files.readString(runDir.resolve("anything_" + RSC + ".pid"))
                        .strip());
                long killed = System.nanoTime();
                ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
                awaitMonitor(channel, node, from, false);
                latencies.add(System.nanoTime() - killed);
                System.out.printf(Locale.ROOT, "kill %d: %.0f ms%n", i + 1, (System.nanoTime() - killed) / 1e6);
            }
            actions.put(Actions.action(node, transition + kills, 1, spec, "stop", 0));
        } finally {
            channel.shutdownNow();
        }
        long[] sorted = Latencies.sortedUnion(List.of(latencies));
        System.out.printf(
                Locale.ROOT,
                "kill -> failed monitor committed (interval 1000 ms, %d kills): p50 %.0f ms  p99 %.0f ms  max %.0f ms%n",
                sorted.length,
                Latencies.percentileMillis(sorted, 0.50),
                Latencies.percentileMillis(sorted, 0.99),
                Latencies.percentileMillis(sorted, 1.0));
    }

    private static void configure(ManagedChannel channel) {
        String xml = "<primitive id=\"" + RSC + "\" class=\"ocf\" provider=\"heartbeat\" type=\"anything\">"
                + "<instance_attributes id=\"" + RSC + "-ia\">"
                + "<nvpair id=\"" + RSC + "-bin\" name=\"binfile\" value=\"/bin/sleep\"/>"
                + "<nvpair id=\"" + RSC + "-args\" name=\"cmdline_options\" value=\"3600\"/>"
                + "</instance_attributes></primitive>";
        CibRequest create = CibRequest.newBuilder()
                .setOperation(CibOperation.CIB_MODIFY)
                .setScope("resources")
                .setAllowCreate(true)
                .setXml("<resources>" + xml + "</resources>")
                .build();
        CibServiceGrpc.newBlockingStub(channel)
                .withDeadlineAfter(30, TimeUnit.SECONDS)
                .apply(create);
    }

    /** Waits on a watch from {@code from} for the resource's 1 s monitor succeeding or not; returns its revision. */
    private static long awaitMonitor(ManagedChannel channel, String node, long from, boolean ok) {
        String wanted = "id=\"" + RSC + "_monitor_1000\"";
        try (Context.CancellableContext watch = Context.current().withCancellation()) {
            return watch.call(() -> {
                Iterator<WatchResponse> stream = WatchServiceGrpc.newBlockingStub(channel)
                        .withDeadlineAfter(60, TimeUnit.SECONDS)
                        .watch(WatchRequest.newBuilder()
                                .setFromRevision(from)
                                .addSections("status")
                                .setNode(node)
                                .build());
                while (stream.hasNext()) {
                    for (Event event : stream.next().getEventsList()) {
                        for (Change change : event.getChangesList()) {
                            if (holds(change.getXml(), wanted, ok)) {
                                return event.getRevision();
                            }
                        }
                    }
                }
                throw new IllegalStateException(
                        "the watch ended before the monitor reported " + (ok ? "ok" : "a failure"));
            });
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean holds(String xml, String opId, boolean ok) {
        int at = xml.indexOf(opId);
        if (at < 0) {
            return false;
        }
        int end = xml.indexOf('>', at);
        int start = xml.lastIndexOf('<', at);
        return xml.substring(start, end).contains("rc-code=\"0\"") == ok;
    }
}
