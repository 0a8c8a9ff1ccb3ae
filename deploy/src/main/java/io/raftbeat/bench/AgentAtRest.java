package io.raftbeat.bench;

import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.raftbeat.deploy.Actions;
import io.raftbeat.proto.v1.Action;
import io.raftbeat.proto.v1.CibOperation;
import io.raftbeat.proto.v1.CibRequest;
import io.raftbeat.proto.v1.CibResponse;
import io.raftbeat.proto.v1.CibServiceGrpc;
import io.raftbeat.proto.v1.ResourceSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The agent at rest: configures N {@code ocf:heartbeat:Dummy} resources, starts them on one node with a recurring
 * monitor each (through actions: there is no scheduler yet), waits until every monitor reported, then samples the
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
        long transition = System.currentTimeMillis();
        try (Actions actions = new Actions(servers)) {
            StringBuilder resources = new StringBuilder("<resources>");
            List<Action> start = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                String id = "rest-" + i;
                resources
                        .append("<primitive id=\"")
                        .append(id)
                        .append("\" class=\"ocf\" provider=\"heartbeat\"")
                        .append(" type=\"Dummy\"/>");
                ResourceSpec spec = ResourceSpec.newBuilder()
                        .setId(id)
                        .setResourceClass("ocf")
                        .setProvider("heartbeat")
                        .setType("Dummy")
                        .build();
                start.add(Actions.action(node, transition, 2 * i + 1, spec, "start", 0));
                start.add(Actions.action(node, transition, 2 * i + 2, spec, "monitor", interval));
            }
            cib.withDeadlineAfter(60, TimeUnit.SECONDS)
                    .apply(CibRequest.newBuilder()
                            .setOperation(CibOperation.CIB_MODIFY)
                            .setScope("resources")
                            .setAllowCreate(true)
                            .setXml(resources.append("</resources>").toString())
                            .build());
            actions.put(start.toArray(Action[]::new));
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
