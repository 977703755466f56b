package io.emailengine.mailwizz.adapter.out;

import io.emailengine.events.QuotaChanged;
import io.emailengine.events.types.TenantId;
import io.emailengine.mailwizz.application.DesiredQuotaStore;
import io.emailengine.mailwizz.domain.QuotaWrite;
import java.sql.Timestamp;
import java.time.Instant;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

@Repository
class JdbcDesiredQuotaStore implements DesiredQuotaStore {

    private final JdbcTemplate jdbc;

    JdbcDesiredQuotaStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void upsertIfNewer(TenantId tenant, QuotaChanged change, Instant changedAt) {
        jdbc.update("""
                INSERT INTO desired_quota (tenant_id, ip, vmta, daily_quota, hourly_quota, decision_id, changed_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (tenant_id, ip) DO UPDATE SET
                    vmta = excluded.vmta, daily_quota = excluded.daily_quota, hourly_quota = excluded.hourly_quota,
                    decision_id = excluded.decision_id, changed_at = excluded.changed_at,
                    apply_state = 'pending', attempts = 0, next_attempt_at = NULL
                WHERE desired_quota.changed_at <= excluded.changed_at""",
                tenant.value(), change.ip().value(), change.vmta().value(), QuotaWrite.expressible(change.totalDaily()),
                QuotaWrite.expressible(change.totalHourly()),
                change.decisionId(), Timestamp.from(changedAt));
    }
}
