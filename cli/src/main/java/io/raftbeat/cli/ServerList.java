package io.raftbeat.cli;

import java.util.ArrayList;
import java.util.List;

/** Parses {@code CIB_SERVER}: comma-separated {@code host:port} addresses of store members. */
final class ServerList {
    private ServerList() {}

    /** The addresses in the order given, without duplicates; a malformed entry is a usage error (64). */
    static List<String> parse(String value) throws CliFailure {
        List<String> servers = new ArrayList<>();
        for (String raw : value.split(",")) {
            String entry = raw.trim();
            if (entry.isEmpty()) {
                continue;
            }
            requireAddress("CIB_SERVER", entry);
            if (!servers.contains(entry)) {
                servers.add(entry);
            }
        }
        if (servers.isEmpty()) {
            throw CliFailure.usage("CIB_SERVER names no member: give host:port[,host:port...]");
        }
        return servers;
    }

    /** Fails with a usage error (64) naming {@code what} unless the text is {@code host:port}. */
    static void requireAddress(String what, String address) throws CliFailure {
        int colon = address.lastIndexOf(':');
        if (colon <= 0 || colon == address.length() - 1 || !validPort(address.substring(colon + 1))) {
            throw CliFailure.usage(what + ": '" + address + "' is not host:port (e.g. 127.0.0.1:7001)");
        }
    }

    static String host(String address) {
        String host = address.substring(0, address.lastIndexOf(':'));
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    static int port(String address) {
        return Integer.parseInt(address.substring(address.lastIndexOf(':') + 1));
    }

    private static boolean validPort(String text) {
        try {
            int port = Integer.parseInt(text);
            return port > 0 && port < 65536;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
