package io.raftbeat.bench;

import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.raftbeat.proto.v1.CibOperation;
import io.raftbeat.proto.v1.CibRequest;
import io.raftbeat.proto.v1.CibServiceGrpc;
import io.raftbeat.proto.v1.ClusterServiceGrpc;
import io.raftbeat.proto.v1.LeaderRequest;
import io.raftbeat.proto.v1.LeaderResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Write-load benchmark against a running cluster: N clients, each a thread with a blocking gRPC stub, each doing
 * small modify operations (one nvpair of a {@code cluster_property_set} in crm_config, created first and removed
 * after) for a fixed time. Prints one line per run: clients, ops, ops/s, p50 and p99 latency, errors. Measures,
 * never asserts.
 *
 * <pre>
 * WriteLoad [--clients 1,16,64] [--seconds 10] [--warmup 2] [--servers host:port,...] [--spread]
 * </pre>
 *
 * By default every client talks to the leader; {@code --spread} spreads them over all members (followers forward).
 */
public final class WriteLoad {
    private static final int KEYS_PER_CLIENT = 8;

    private WriteLoad() {}

    public static void main(String[] args) throws Exception {
        BenchOptions options = BenchOptions.parse(args);
        List<ManagedChannel> channels = new ArrayList<>();
        for (String server : options.servers()) {
            int colon = server.lastIndexOf(':');
            channels.add(Grpc.newChannelBuilderForAddress(
                            server.substring(0, colon),
                            Integer.parseInt(server.substring(colon + 1)),
                            InsecureChannelCredentials.create())
                    .build());
        }
        try {
            List<ManagedChannel> targets = options.spread() ? channels : List.of(leaderChannel(channels, options));
            for (int clients : options.clients()) {
                run(targets, clients, options);
            }
        } finally {
            channels.forEach(ManagedChannel::shutdownNow);
        }
    }

    private static ManagedChannel leaderChannel(List<ManagedChannel> channels, BenchOptions options) {
        for (int i = 0; i < channels.size(); i++) {
            try {
                LeaderResponse leader = ClusterServiceGrpc.newBlockingStub(channels.get(i))
                        .withDeadlineAfter(5, TimeUnit.SECONDS)
                        .leader(LeaderRequest.getDefaultInstance());
                int at = options.servers().indexOf(leader.getLeader().getGrpcAddress());
                return channels.get(at >= 0 ? at : i);
            } catch (StatusRuntimeException e) {
                // try the next member
            }
        }
        throw new IllegalStateException("no member answered with a leader: " + options.servers());
    }

    private static void run(List<ManagedChannel> targets, int clients, BenchOptions options) throws Exception {
        String set = "bench-" + Long.toString(System.currentTimeMillis(), 36);
        CibServiceGrpc.CibServiceBlockingStub admin = CibServiceGrpc.newBlockingStub(targets.get(0));
        admin.withDeadlineAfter(30, TimeUnit.SECONDS).apply(write(CibOperation.CIB_CREATE, propertySet(set, clients)));
        long start = System.nanoTime();
        long measureFrom = start + TimeUnit.SECONDS.toNanos(options.warmupSeconds());
        long end = measureFrom + TimeUnit.SECONDS.toNanos(options.seconds());
        AtomicLong errors = new AtomicLong();
        List<Latencies> all = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            Latencies latencies = new Latencies();
            all.add(latencies);
            CibServiceGrpc.CibServiceBlockingStub stub =
                    CibServiceGrpc.newBlockingStub(targets.get(c % targets.size()));
            int client = c;
            Thread thread = new Thread(
                    () -> clientLoop(stub, set, client, measureFrom, end, latencies, errors), "bench-client-" + c);
            thread.start();
            threads.add(thread);
        }
        for (Thread t : threads) {
            t.join();
        }
        double elapsed = (System.nanoTime() - measureFrom) / 1e9;
        long[] sorted = Latencies.sortedUnion(all);
        System.out.printf(
                Locale.ROOT,
                "clients=%d ops=%d ops/s=%.1f p50=%.2fms p99=%.2fms errors=%d%n",
                clients,
                sorted.length,
                sorted.length / elapsed,
                Latencies.percentileMillis(sorted, 0.50),
                Latencies.percentileMillis(sorted, 0.99),
                errors.get());
        admin.withDeadlineAfter(30, TimeUnit.SECONDS)
                .apply(write(CibOperation.CIB_DELETE, "<cluster_property_set id=\"" + set + "\"/>"));
    }

    private static void clientLoop(
            CibServiceGrpc.CibServiceBlockingStub stub,
            String set,
            int client,
            long measureFrom,
            long end,
            Latencies latencies,
            AtomicLong errors) {
        for (long i = 0; ; i++) {
            long before = System.nanoTime();
            if (before >= end) {
                return;
            }
            String id = set + "-" + client + "-" + (i % KEYS_PER_CLIENT);
            CibRequest request = write(
                    CibOperation.CIB_MODIFY, "<nvpair id=\"" + id + "\" name=\"" + id + "\" value=\"" + i + "\"/>");
            try {
                stub.withDeadlineAfter(10, TimeUnit.SECONDS).apply(request);
                if (before >= measureFrom) {
                    latencies.add(System.nanoTime() - before);
                }
            } catch (StatusRuntimeException e) {
                if (before >= measureFrom) {
                    errors.incrementAndGet();
                }
            }
        }
    }

    private static CibRequest write(CibOperation operation, String xml) {
        return CibRequest.newBuilder()
                .setOperation(operation)
                .setScope("crm_config")
                .setXml(xml)
                .build();
    }

    private static String propertySet(String set, int clients) {
        StringBuilder xml = new StringBuilder("<cluster_property_set id=\"" + set + "\">");
        for (int c = 0; c < clients; c++) {
            for (int k = 0; k < KEYS_PER_CLIENT; k++) {
                String id = set + "-" + c + "-" + k;
                xml.append("<nvpair id=\"")
                        .append(id)
                        .append("\" name=\"")
                        .append(id)
                        .append("\" value=\"0\"/>");
            }
        }
        return xml.append("</cluster_property_set>").toString();
    }
}
