package io.raftbeat.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Ports free on 127.0.0.1, for members whose addresses must be known before they start. They come from below
 * Linux's ephemeral range (32768-60999): a port the OS hands out as ephemeral can be taken by any outgoing
 * connection on the machine between this check and the member's bind, one of this range only by a listener. A port
 * is handed out once per JVM.
 */
public final class FreePorts {
    private static final int FIRST = 20_000;
    private static final int LAST = 32_000;
    private static final Set<Integer> GIVEN = new HashSet<>(); // guarded by FreePorts.class

    private FreePorts() {}

    public static synchronized int next() {
        for (int attempt = 0; attempt < 1000; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(FIRST, LAST + 1);
            if (!GIVEN.contains(port) && free(port)) {
                GIVEN.add(port);
                return port;
            }
        }
        throw new IllegalStateException("no free port in " + FIRST + "-" + LAST + " after 1000 tries");
    }

    private static boolean free(int port) {
        try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
