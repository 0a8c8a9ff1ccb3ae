package io.raftbeat.bench;

import io.grpc.Context;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.raftbeat.proto.v1.Change;
import io.raftbeat.proto.v1.CibOperation;
import io.raftbeat.proto.v1.CibRequest;
import io.raftbeat.proto.v1.CibServiceGrpc;
import io.raftbeat.proto.v1.Event;
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
 * Failure detection and recovery benchmark against the running local cluster with its agents: an {@code
 * ocf:heartbeat:anything} resource running {@code sleep} under a 1 s monitor, pinned to one node; its process is
 * killed with SIGKILL at a random point of the monitor's period. Measured on a watch of the node's status section
 * (each result is committed when it arrives there): kill → failed monitor (any rc but 0: anything says 1), and kill →
 * restarted (the scheduler's stop, start and the new monitor's first ok). Prints p50, p99 and max of each. Measures,
 * never asserts.
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
        Latencies detected = new Latencies();
        Latencies restarted = new Latencies();
        Random random = new Random(flags.integer("--seed", 1));
        try {
            long from = configure(channel, node);
            from = awaitMonitor(channel, node, from, true);
            for (int i = 0; i < kills; i++) {
                // At a random point of the monitor's period, as a real failure would fall.
                Thread.sleep(random.nextInt(1000));
                long pid = Long.parseLong(Files.readString(runDir.resolve("anything_" + RSC + ".pid"))
                        .strip());
                long killed = System.nanoTime();
                ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
                from = awaitMonitor(channel, node, from, false);
                detected.add(System.nanoTime() - killed);
                from = awaitMonitor(channel, node, from, true);
                restarted.add(System.nanoTime() - killed);
                System.out.printf(
                        Locale.ROOT, "kill %d: restarted after %.0f ms%n", i + 1, (System.nanoTime() - killed) / 1e6);
            }
            apply(channel, CibOperation.CIB_DELETE, "constraints", "<rsc_location id=\"" + RSC + "-on\"/>");
            apply(channel, CibOperation.CIB_DELETE, "resources", "<primitive id=\"" + RSC + "\"/>");
        } finally {
            channel.shutdownNow();
        }
        print("kill -> failed monitor committed", detected);
        print("kill -> restarted in place (monitor ok again)", restarted);
    }

    private static void print(String what, Latencies latencies) {
        long[] sorted = Latencies.sortedUnion(List.of(latencies));
        System.out.printf(
                Locale.ROOT,
                "%s (monitor interval 1000 ms, %d kills): p50 %.0f ms  p99 %.0f ms  max %.0f ms%n",
                what,
                sorted.length,
                Latencies.percentileMillis(sorted, 0.50),
                Latencies.percentileMillis(sorted, 0.99),
                Latencies.percentileMillis(sorted, 1.0));
    }

    /** Creates the resource (migration-threshold high: it always restarts in place); returns the revision. */
    private static long configure(ManagedChannel channel, String node) {
        String xml = "<primitive id=\"" + RSC + "\" class=\"ocf\" provider=\"heartbeat\" type=\"anything\">"
                + "<instance_attributes id=\"" + RSC + "-ia\">"
                + "<nvpair id=\"" + RSC + "-bin\" name=\"binfile\" value=\"/bin/sleep\"/>"
                + "<nvpair id=\"" + RSC + "-args\" name=\"cmdline_options\" value=\"3600\"/>"
                + "</instance_attributes><meta_attributes id=\"" + RSC + "-meta\">"
                + "<nvpair id=\"" + RSC + "-mt\" name=\"migration-threshold\" value=\"1000000\"/></meta_attributes>"
                + "<operations><op id=\"" + RSC + "-mon\" name=\"monitor\" interval=\"1s\" timeout=\"10s\"/>"
                + "</operations></primitive>";
        // One write, so that the resource is never placed without its constraint.
        return apply(
                channel,
                CibOperation.CIB_MODIFY,
                "configuration",
                "<configuration><resources>" + xml + "</resources><constraints><rsc_location id=\"" + RSC
                        + "-on\" rsc=\"" + RSC + "\" node=\"" + node + "\" score=\"INFINITY\"/></constraints>"
                        + "</configuration>");
    }

    private static long apply(ManagedChannel channel, CibOperation op, String scope, String xml) {
        CibRequest request = CibRequest.newBuilder()
                .setOperation(op)
                .setScope(scope)
                .setAllowCreate(true)
                .setXml(xml)
                .build();
        return CibServiceGrpc.newBlockingStub(channel)
                .withDeadlineAfter(30, TimeUnit.SECONDS)
                .apply(request)
                .getRevision();
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
