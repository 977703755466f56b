package io.emailengine.warmup.adapter.out;

import io.emailengine.events.DkimKeyPublished;
import io.emailengine.events.DkimKeyStatus;
import io.emailengine.events.types.TenantId;
import io.emailengine.warmup.application.KnownDkimKeys;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** DNS names are case-insensitive, so domain and selector are stored and looked up in lowercase. */
@Repository
class JdbcKnownDkimKeys implements KnownDkimKeys {

    private final JdbcTemplate jdbc;

    JdbcKnownDkimKeys(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void record(DkimKeyPublished key, TenantId tenant, Instant occurredAt, UUID eventId) {
        jdbc.update("""
                INSERT INTO known_dkim_key (domain, selector, public_key, status, tenant_id, occurred_at, event_id)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (domain, selector) DO UPDATE SET public_key = EXCLUDED.public_key, status = EXCLUDED.status,
                    tenant_id = EXCLUDED.tenant_id, occurred_at = EXCLUDED.occurred_at, event_id = EXCLUDED.event_id
                WHERE known_dkim_key.occurred_at <= EXCLUDED.occurred_at""",
                key.domain().toLowerCase(Locale.ROOT), key.selector().toLowerCase(Locale.ROOT), key.publicKey(), key.status().wireName(),
                tenant == null ? null : tenant.value(), Timestamp.from(occurredAt), eventId);
    }

    @Override
    public Optional<KnownKey> find(String domain, String selector) {
        return jdbc.query("SELECT public_key, status FROM known_dkim_key WHERE domain = ? AND selector = ?",
                (rs, row) -> new KnownKey(domain, selector, rs.getString(1), DkimKeyStatus.fromWireName(rs.getString(2))),
                domain.toLowerCase(Locale.ROOT), selector.toLowerCase(Locale.ROOT)).stream().findFirst();
    }
}
