package io.emailengine.simulator.pmta;

import java.util.List;

/**
 * Accounting records written so far, per source IP × provider × record type ({@code d}, {@code b}, {@code t},
 * {@code f}), including incident bursts and injected signals.
 */
public record TrafficSummary(List<Row> rows) {

    public record Row(String ip, String provider, String type, long count) {
    }

    public TrafficSummary {
        rows = List.copyOf(rows);
    }

    public long count(String ip, String provider, String type) {
        return rows.stream().filter(r -> r.ip().equals(ip) && r.provider().equals(provider) && r.type().equals(type))
                .mapToLong(Row::count).sum();
    }

    public long count(String ip, String provider) {
        return rows.stream().filter(r -> r.ip().equals(ip) && r.provider().equals(provider)).mapToLong(Row::count).sum();
    }

    public long total() {
        return rows.stream().mapToLong(Row::count).sum();
    }

    public long total(String type) {
        return rows.stream().filter(r -> r.type().equals(type)).mapToLong(Row::count).sum();
    }
}
