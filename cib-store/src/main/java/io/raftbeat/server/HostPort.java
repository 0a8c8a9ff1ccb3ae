package io.raftbeat.server;

/** A {@code host:port} address, checked when parsed so that a typo fails at startup with a clear line. */
public record HostPort(String host, int port) {
    public static HostPort parse(String address, String what) {
        int colon = address.lastIndexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException(what + " '" + address + "' is not HOST:PORT");
        }
        try {
            int port = Integer.parseInt(address.substring(colon + 1));
            if (port < 0 || port > 65535) {
                throw new NumberFormatException();
            }
            return new HostPort(address.substring(0, colon), port);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + " '" + address + "' has no valid port");
        }
    }

    @Override
    public String toString() {
        return host + ":" + port;
    }
}
