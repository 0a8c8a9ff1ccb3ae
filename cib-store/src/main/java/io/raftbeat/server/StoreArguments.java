package io.raftbeat.server;

import io.raftbeat.cib.CibOptions;
import io.raftbeat.storage.EventRetention;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;

/**
 * Reads {@link StoreOptions} from flags and an optional properties file ({@code --config FILE}); a flag wins over
 * the file. The file's keys are the flag names without dashes, e.g. {@code peers=store1=...,store2=...}.
 *
 * <pre>
 * --id store1 --peers store1=127.0.0.1:7101/127.0.0.1:7001,store2=...,store3=... --data DIR
 * [--raft HOST:PORT] [--grpc HOST:PORT]   (default: this member's entry in --peers)
 * [--config FILE] [--schema-dir /usr/share/pacemaker] [--max-xml-bytes N] [--election-timeout-ms 1000]
 * [--snapshot-interval-s 3600] [--event-max-count 100000] [--event-max-age-s 604800] [--join true]
 * [--lease-ms 1000]
 * </pre>
 */
public final class StoreArguments {
    private static final Set<String> KEYS = Set.of(
            "id",
            "raft",
            "grpc",
            "peers",
            "data",
            "config",
            "schema-dir",
            "max-xml-bytes",
            "election-timeout-ms",
            "snapshot-interval-s",
            "event-max-count",
            "event-max-age-s",
            "join",
            "lease-ms");

    /** What {@code --help} prints. */
    public static final String USAGE = String.join(
            "\n",
            "usage: raftbeat-store --id ID --peers ID=RAFT_HOST:PORT/GRPC_HOST:PORT,... --data DIR [options]",
            "  --raft HOST:PORT, --grpc HOST:PORT   this member's addresses (default: its entry in --peers)",
            "  --config FILE                        properties file with the same keys (flags win)",
            "  --schema-dir DIR                     Pacemaker's RelaxNG schemas (default /usr/share/pacemaker)",
            "  --max-xml-bytes N                    largest CIB document accepted (default 16 MiB)",
            "  --election-timeout-ms N              Raft election timeout (default 1000)",
            "  --snapshot-interval-s N              snapshot period (default 3600)",
            "  --event-max-count N, --event-max-age-s N   event log retention (default 100000, 7 days)",
            "  --join true                          start outside the group; ClusterService.AddMember adds it",
            "  --lease-ms N                         an agent's lease when it asks for none (default 1000)");

    private StoreArguments() {}

    public static StoreOptions parse(String... args) throws IOException {
        Properties flags = new Properties();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument '" + a + "' (flags are --name value)");
            }
            String key = a.substring(2);
            String value;
            int eq = key.indexOf('=');
            if (eq >= 0) {
                value = key.substring(eq + 1);
                key = key.substring(0, eq);
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                throw new IllegalArgumentException("flag --" + key + " needs a value");
            }
            checkKey(key, "flag --");
            flags.setProperty(key, value);
        }
        Properties all = new Properties();
        if (flags.containsKey("config")) {
            try (Reader r = Files.newBufferedReader(Path.of(flags.getProperty("config")))) {
                all.load(r);
            }
            for (String key : all.stringPropertyNames()) {
                checkKey(key, "config key ");
            }
        }
        all.putAll(flags);
        return fromProperties(all);
    }

    private static void checkKey(String key, String what) {
        if (!KEYS.contains(key)) {
            throw new IllegalArgumentException("unknown " + what + key + " (known: " + String.join(", ", KEYS) + ")");
        }
    }

    private static StoreOptions fromProperties(Properties p) {
        String id = required(p, "id");
        List<Peer> peers = new ArrayList<>();
        for (String spec : required(p, "peers").split(",")) {
            if (!spec.isBlank()) {
                peers.add(Peer.parse(spec.trim()));
            }
        }
        Peer self = peers.stream()
                .filter(x -> x.id().equals(id))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("--id " + id + " is not named in --peers"));
        CibOptions cib = new CibOptions(
                Path.of(p.getProperty("schema-dir", CibOptions.DEFAULT_SCHEMA_DIR.toString())),
                intValue(p, "max-xml-bytes", CibOptions.DEFAULT_MAX_XML_BYTES),
                true);
        EventRetention retention = new EventRetention(
                longValue(p, "event-max-count", EventRetention.DEFAULT_MAX_EVENTS),
                Duration.ofSeconds(longValue(p, "event-max-age-s", EventRetention.DEFAULT_MAX_AGE.toSeconds())));
        return new StoreOptions(
                id,
                HostPort.parse(p.getProperty("raft", self.raftAddress()), "--raft"),
                HostPort.parse(p.getProperty("grpc", self.grpcAddress()), "--grpc"),
                peers,
                Path.of(required(p, "data")),
                cib,
                intValue(p, "election-timeout-ms", StoreOptions.DEFAULT_ELECTION_TIMEOUT_MS),
                intValue(p, "snapshot-interval-s", StoreOptions.DEFAULT_SNAPSHOT_INTERVAL_SECS),
                retention,
                Boolean.parseBoolean(p.getProperty("join", "false").trim()),
                longValue(p, "lease-ms", StoreOptions.DEFAULT_LEASE_MS));
    }

    private static String required(Properties p, String key) {
        String v = p.getProperty(key);
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException("--" + key + " is required");
        }
        return v.trim();
    }

    private static int intValue(Properties p, String key, int dflt) {
        return Math.toIntExact(longValue(p, key, dflt));
    }

    private static long longValue(Properties p, String key, long dflt) {
        String v = p.getProperty(key);
        if (v == null) {
            return dflt;
        }
        try {
            long n = Long.parseLong(v.trim());
            if (n <= 0) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + key + " must be a positive number, got '" + v + "'");
        }
    }
}
