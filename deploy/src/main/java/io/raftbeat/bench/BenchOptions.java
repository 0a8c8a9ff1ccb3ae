package io.raftbeat.bench;

import java.util.ArrayList;
import java.util.List;

/** The benchmark's flags; defaults fit the local cluster. */
record BenchOptions(List<Integer> clients, int seconds, int warmupSeconds, List<String> servers, boolean spread) {
    static BenchOptions parse(String[] args) {
        List<Integer> clients = List.of(1, 16, 64);
        int seconds = 10;
        int warmup = 2;
        String servers = System.getenv().getOrDefault("CIB_SERVER", "127.0.0.1:7001,127.0.0.1:7002,127.0.0.1:7003");
        boolean spread = false;
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            if (flag.equals("--spread")) {
                spread = true;
                continue;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(flag + " needs a value");
            }
            String value = args[++i];
            switch (flag) {
                case "--clients" -> clients = numbers(value);
                case "--seconds" -> seconds = Integer.parseInt(value);
                case "--warmup" -> warmup = Integer.parseInt(value);
                case "--servers" -> servers = value;
                default ->
                    throw new IllegalArgumentException(
                            "unknown flag " + flag + " (known: --clients, --seconds, --warmup, --servers, --spread)");
            }
        }
        List<String> list = new ArrayList<>();
        for (String s : servers.split(",")) {
            if (!s.isBlank()) {
                list.add(s.trim());
            }
        }
        return new BenchOptions(clients, seconds, warmup, list, spread);
    }

    private static List<Integer> numbers(String csv) {
        List<Integer> values = new ArrayList<>();
        for (String s : csv.split(",")) {
            values.add(Integer.parseInt(s.trim()));
        }
        return values;
    }
}
