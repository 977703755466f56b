package io.emailengine.warmup.adapter.out;

import io.emailengine.warmup.application.TickLedger;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The primary key on the period start makes the claim atomic: a concurrent second insert does nothing. */
@Repository
class JdbcTickLedger implements TickLedger {

    private final JdbcTemplate jdbc;

    JdbcTickLedger(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public boolean claim(Instant periodStart, UUID tickId, Instant now) {
        return jdbc.update("INSERT INTO warmup_tick (period_start, tick_id, emitted_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                Timestamp.from(periodStart), tickId, Timestamp.from(now)) == 1;
    }
}
