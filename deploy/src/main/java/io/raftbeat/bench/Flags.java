package io.raftbeat.bench;

import java.util.HashMap;
import java.util.Map;

/** {@code --name value} flags of the agent benchmarks; an unknown or valueless flag is an error naming it. */
final class Flags {
    private final Map<String, String> values = new HashMap<>();

    Flags(String[] args) {
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException(args[i] + ": expected --flag value");
            }
            values.put(args[i], args[++i]);
        }
    }

    static String defaultServers() {
        return System.getenv().getOrDefault("CIB_SERVER", "127.0.0.1:7001,127.0.0.1:7002,127.0.0.1:7003");
    }

    String text(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    int integer(String name, int fallback) {
        return values.containsKey(name) ? Integer.parseInt(values.get(name)) : fallback;
    }
}
