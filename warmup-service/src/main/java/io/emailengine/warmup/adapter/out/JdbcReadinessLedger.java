package io.emailengine.warmup.adapter.out;

import io.emailengine.events.types.SendingIp;
import io.emailengine.warmup.application.ReadinessLedger;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

@Repository
class JdbcReadinessLedger implements ReadinessLedger {

    private final JdbcTemplate jdbc;

    JdbcReadinessLedger(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<Boolean> record(SendingIp ip, boolean passed, String report, Instant at) {
        Optional<Boolean> before = jdbc.query("SELECT passed FROM dns_readiness WHERE ip = ? FOR UPDATE",
                (rs, n) -> rs.getBoolean(1), ip.value()).stream().findFirst();
        jdbc.update("""
                INSERT INTO dns_readiness (ip, passed, checked_at, report) VALUES (?, ?, ?, ?)
                ON CONFLICT (ip) DO UPDATE SET passed = excluded.passed, checked_at = excluded.checked_at,
                       report = excluded.report""", ip.value(), passed, Timestamp.from(at), report);
        return before;
    }
}
