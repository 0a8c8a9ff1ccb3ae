package io.raftbeat.bench;

import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.raftbeat.proto.v1.CibOperation;
import io.raftbeat.proto.v1.CibRequest;
import io.raftbeat.proto.v1.CibResponse;
import io.raftbeat.proto.v1.CibServiceGrpc;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The agent at rest: configures N {@code ocf:heartbeat:Dummy} resources with a recurring monitor each, placed on one
 * node by location constraints (the scheduler starts them), waits until every monitor reported, then samples the
 * agent process for a while: CPU (from /proc/PID/stat), resident memory, and how many revisions the cluster
 * committed meanwhile (a healthy cluster writes nothing). Measures, never asserts.
 *
 * <pre>
 * AgentAtRest [--resources 100] [--interval-ms 10000] [--seconds 60] [--node node2] [--pid-file run/node2.pid]
 * </pre>
 */
public final class AgentAtRest {
    private AgentAtRest() {}

    public static void main(String[] args) throws Exception {
        Flags flags = new Flags(args);
        int count = flags.integer("--resources", 100);
        long interval = flags.integer("--interval-ms", 10_000);
        int seconds = flags.integer("--seconds", 60);
        String node = flags.text("--node", "node2");
        long pid = Long.parseLong(Files.readString(Path.of(flags.text("--pid-file", "run/" + node + ".pid")))
                .strip());
        List<String> servers =
                Arrays.asList(flags.text("--servers", Flags.defaultServers()).split(","));
        ManagedChannel channel =
                NettyChannelBuilder.forTarget(servers.get(0)).usePlaintext().build();
        CibServiceGrpc.CibServiceBlockingStub cib = CibServiceGrpc.newBlockingStub(channel);
        try {
            // Pinned to the node by a location constraint each; the scheduler starts them with their monitor.
            StringBuilder resources = new StringBuilder("<resources>");
            StringBuilder constraints = new StringBuilder("<constraints>");
            for (int i = 0; i < count; i++) {
                String id = "rest-" + i;
                resources.append("<primitive id=\"" + id + "\" class=\"ocf\" provider=\"heartbeat\" type=\"Dummy\">"
                        + "<operations><op id=\"" + id + "-mon\" name=\"monitor\" interval=\"" + interval + "ms\"/>"
                        + "</operations></primitive>");
                constraints.append("<rsc_location id=\"" + id + "-on\" rsc=\"" + id + "\" node=\"" + node
                        + "\" score=\"INFINITY\"/>");
            }
            modify(cib, "resources", resources.append("</resources>").toString());
            modify(cib, "constraints", constraints.append("</constraints>").toString());
            String monitors = "//lrm_rsc_op[starts-with(@id,'rest-') and @interval='" + interval + "']";
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
            while (countOf(cib, monitors) < count) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the monitors did not all report within 5 minutes");
                }
                Thread.sleep(500);
            }
            long revisionBefore = revision(cib);
            long cpuBefore = cpuTicks(pid);
            long wallBefore = System.nanoTime();
            Thread.sleep(TimeUnit.SECONDS.toMillis(seconds));
            double cpuSeconds = (cpuTicks(pid) - cpuBefore) / 100.0;
            double wall = (System.nanoTime() - wallBefore) / 1e9;
            long written = revision(cib) - revisionBefore;
            System.out.printf(
                    Locale.ROOT,
                    "agent at rest, %d resources, monitor every %d ms, %d s: CPU %.2f%% of one core, RSS %d MiB,"
                            + " revisions committed meanwhile %d%n",
                    count,
                    interval,
                    seconds,
                    100 * cpuSeconds / wall,
                    rssKib(pid) / 1024,
                    written);
        } finally {
            channel.shutdownNow();
        }
    }

    private static void modify(CibServiceGrpc.CibServiceBlockingStub cib, String scope, String xml) {
        cib.withDeadlineAfter(60, TimeUnit.SECONDS)
                .apply(CibRequest.newBuilder()
                        .setOperation(CibOperation.CIB_MODIFY)
                        .setScope(scope)
                        .setAllowCreate(true)
                        .setXml(xml)
                        .build());
    }

    private static int countOf(CibServiceGrpc.CibServiceBlockingStub cib, String xpath) {
        try {
            CibResponse r = cib.withDeadlineAfter(30, TimeUnit.SECONDS)
                    .query(CibRequest.newBuilder()
                            .setOperation(CibOperation.CIB_QUERY)
                            .setXpath(xpath)
                            .build());
            return r.getXml().split("<lrm_rsc_op ", -1).length - 1;
        } catch (io.grpc.StatusRuntimeException e) {
            return 0; // no match yet (105)
        }
    }

    private static long revision(CibServiceGrpc.CibServiceBlockingStub cib) {
        return cib.withDeadlineAfter(30, TimeUnit.SECONDS)
                .query(CibRequest.newBuilder()
                        .setOperation(CibOperation.CIB_QUERY)
                        .setScope("crm_config")
                        .build())
                .getRevision();
    }

    /** utime + stime of the process, in clock ticks (USER_HZ, 100 on Linux). */
    private static long cpuTicks(long pid) throws Exception {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    private static long rssKib(long pid) throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }
}
