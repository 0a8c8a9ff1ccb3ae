package io.raftbeat.server;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code raftbeat-store}: runs one store member until SIGTERM/SIGINT, then stops it cleanly (a leader first hands
 * leadership over). Bad flags print one line and exit 64 (Pacemaker's CRM_EX_USAGE).
 */
public final class StoreMain {
    private static final Logger LOG = LoggerFactory.getLogger(StoreMain.class);

    private StoreMain() {}

    public static void main(String[] args) throws Exception {
        // jraft's generated protobuf classes predate protobuf 22: without this, one warning per message type.
        if (System.getProperty("com.google.protobuf.use_unsafe_pre22_gencode") == null) {
            System.setProperty("com.google.protobuf.use_unsafe_pre22_gencode", "true");
        }
        if (java.util.Arrays.asList(args).contains("--help")) {
            System.out.println(StoreArguments.USAGE);
            return;
        }
        StoreOptions options;
        try {
            options = StoreArguments.parse(args);
        } catch (IllegalArgumentException | java.io.IOException e) {
            System.err.println("raftbeat-store: " + e.getMessage() + " (exit 64; --help lists the flags)");
            System.exit(64);
            return;
        }
        StoreMember member;
        try {
            member = StoreMember.start(options);
        } catch (Exception e) {
            LOG.error("cannot start member {}: {}", options.id(), e.toString());
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            LOG.info("stopping member {}", options.id());
                            member.handOverLeadership(Duration.ofMillis(3L * options.electionTimeoutMs()));
                            member.close();
                            stopped.countDown();
                        },
                        "shutdown"));
        stopped.await();
    }
}
