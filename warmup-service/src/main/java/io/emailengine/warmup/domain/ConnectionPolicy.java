package io.emailengine.warmup.domain;

/**
 * PowerMTA connection limits that follow the hourly quota: one connection per
 * {@code hourlyPerConnection} messages an hour, between 1 and {@code maxSmtpOut}. Few connections
 * while cold is what providers expect from a new IP.
 */
public record ConnectionPolicy(int maxSmtpOut, long hourlyPerConnection, int maxMsgPerConnection) {

    public ConnectionPolicy {
        if (maxSmtpOut < 1 || hourlyPerConnection < 1 || maxMsgPerConnection < 1) {
            throw new IllegalArgumentException("connection limits must be >= 1");
        }
    }

    public static ConnectionPolicy defaults() {
        return new ConnectionPolicy(10, 2_000, 20);
    }

    public int connectionsFor(long hourly) {
        long wanted = (hourly + hourlyPerConnection - 1) / hourlyPerConnection;
        return (int) Math.max(1, Math.min(maxSmtpOut, wanted));
    }
}
