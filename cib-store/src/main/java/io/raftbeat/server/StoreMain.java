package io.raftbeat.server;

import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code raftbeat-store}: runs one store member until SIGTERM/SIGINT, then stops it cleanly. Bad flags print one
 * line and exit 64 (Pacemaker's CRM_EX_USAGE).
 */
public final class StoreMain {
    private static final Logger LOG = LoggerFactory.getLogger(StoreMain.class);

    private StoreMain() {}

    public static void main(String[] args) throws Exception {
        StoreOptions options;
        try {
            options = StoreArguments.parse(args);
        } catch (IllegalArgumentException | java.io.IOException e) {
            System.err.println("raftbeat-store: " + e.getMessage() + " (exit 64)");
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
                            member.close();
                            stopped.countDown();
                        },
                        "shutdown"));
        stopped.await();
    }
}
