package io.emailengine.alerting.adapter.out;

import static org.assertj.core.api.Assertions.assertThat;

import io.emailengine.alerting.application.AlertStore;
import io.emailengine.alerting.application.Housekeeping;
import io.emailengine.alerting.application.SilenceStore;
import io.emailengine.alerting.domain.AlertOccurrence;
import io.emailengine.alerting.domain.LabelMatcher;
import io.emailengine.alerting.domain.Silence;
import io.emailengine.alerting.domain.StoredAlert;
import io.emailengine.events.AlertRaised;
import io.emailengine.events.AlertStatus;
import io.emailengine.events.Severity;
import io.emailengine.events.types.TenantId;
import io.emailengine.testsupport.QueryPlan;
import io.emailengine.testsupport.MutableClock;
import io.emailengine.testsupport.RealInfrastructure;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The alerting tables as they grow: the statements the evaluator runs every second and the hourly purges
 * read by index however many rows are stored (checked on PostgreSQL's plan after tens of thousands of rows
 * and ANALYZE), tenants never see each other's or the system's rows, and the purges delete exactly what
 * their retention allows.
 */
@RealInfrastructure
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = "email-engine.alerting.scheduler.enabled=false")
class AlertingStoresTest {

    static final Instant NOW = Instant.parse("2026-11-20T10:00:00Z");
    private static final List<String> SEVERITIES = List.of("critical", "warning", "info");
    /**
     * Rows n = 1..50,050, each with a time before the parameter (the column named by the format
     * argument): 30 days of rows (every 50 s), then the hour just past a 30-day retention.
     */
    private static final String THIRTY_DAYS_AND_AN_HOUR = """
            generate_series(1, 50050) n,
                 LATERAL (SELECT ?::timestamptz - CASE WHEN n <= 50000 THEN make_interval(secs => n * 50)
                                                      ELSE interval '30 days' + make_interval(mins => n - 50000) END
                          AS %s) t""";

    @TestConfiguration
    static class TestClock {
        @Bean
        @Primary
        MutableClock mutableClock() {
            return new MutableClock(NOW);
        }
    }

    @Autowired AlertStore alerts;
    @Autowired SilenceStore silences;
    @Autowired Housekeeping housekeeping;
    @Autowired JdbcTemplate jdbc;

    @AfterEach
    void emptyTheTables() {
        jdbc.execute("TRUNCATE alert, alert_history, alert_group, silence, notification");
    }

    // ---------------------------------------------------------------- read by the evaluator every second

    @Test
    void firingAlertsOfATenantAndOfTheSystemAreReadThroughTheTenantIndexHoweverManyAlertsAreStored() {
        storeManyAlerts();

        for (String tenant : new String[] {"plan-tenant-7", null}) {
            List<String> plan = plan(JdbcAlertStore.firingSql(tenant),
                    TenantCondition.args(tenant, SEVERITIES.toArray(String[]::new), 1000));
            assertThat(plan).as("firing alerts of %s: %s", tenant, plan)
                    .anySatisfy(node -> assertThat(node).containsPattern("using alert_tenant_status where .*tenant_id.*status"))
                    .noneSatisfy(node -> assertThat(node).startsWith("Seq Scan"));
        }
    }

    @Test
    void unexpiredSilencesOfATenantAndOfTheSystemAreReadThroughTheTenantIndexHoweverManyHaveExpired() {
        // 20,000 silences of 100 tenants and the system, all but one in 200 expired
        jdbc.update("""
                INSERT INTO silence (id, tenant_id, matchers, starts_at, ends_at, created_by, comment, created_at, updated_at)
                SELECT gen_random_uuid(), CASE WHEN n % 101 = 0 THEN NULL ELSE 'plan-tenant-' || (n % 100) END,
                       '[{"name":"host","op":"=","value":"pmta-01"}]', ends - interval '1 hour', ends, 'key-plan',
                       'maintenance', ends - interval '1 hour', ends - interval '1 hour'
                FROM generate_series(1, 20000) n,
                     LATERAL (SELECT CASE WHEN n % 200 = 0 THEN ?::timestamptz + interval '1 day'
                                          ELSE ?::timestamptz - make_interval(mins => n) END AS ends) t""",
                Timestamp.from(NOW), Timestamp.from(NOW));
        jdbc.execute("ANALYZE silence");

        for (String tenant : new String[] {"plan-tenant-7", null}) {
            List<String> plan = plan(JdbcSilenceStore.notExpiredSql(tenant), TenantCondition.args(tenant, Timestamp.from(NOW)));
            assertThat(plan).as("unexpired silences of %s: %s", tenant, plan)
                    .anySatisfy(node -> assertThat(node).containsPattern("using silence_tenant where .*tenant_id.*ends_at"))
                    .noneSatisfy(node -> assertThat(node).startsWith("Seq Scan"));
        }
    }

    @Test
    void aTenantReadsOnlyItsOwnAlertsHistoryAndSilencesAndTheSystemOnlyItsOwn() {
        record("tenant-a", "iso-a-firing", AlertStatus.FIRING);
        record("tenant-a", "iso-a-resolved", AlertStatus.RESOLVED);
        record("tenant-b", "iso-b-firing", AlertStatus.FIRING);
        record(null, "iso-sys-firing", AlertStatus.FIRING);
        record(null, "iso-sys-resolved", AlertStatus.RESOLVED);
        UUID silenceA = silence("tenant-a");
        UUID silenceB = silence("tenant-b");
        UUID silenceSystem = silence(null);

        assertThat(fingerprints(alerts.firing("tenant-a", SEVERITIES, 100))).containsExactly("iso-a-firing");
        assertThat(fingerprints(alerts.firing(null, SEVERITIES, 100))).containsExactly("iso-sys-firing");
        assertThat(fingerprints(alerts.list("tenant-a", null, 100)))
                .containsExactlyInAnyOrder("iso-a-firing", "iso-a-resolved");
        assertThat(fingerprints(alerts.list("tenant-a", "resolved", 100))).containsExactly("iso-a-resolved");
        assertThat(fingerprints(alerts.list(null, null, 100)))
                .containsExactlyInAnyOrder("iso-sys-firing", "iso-sys-resolved");
        assertThat(fingerprints(alerts.list(null, "firing", 100))).containsExactly("iso-sys-firing");
        assertThat(alerts.history("tenant-a", null, Long.MAX_VALUE, 100)).extracting(AlertOccurrence::fingerprint)
                .containsExactlyInAnyOrder("iso-a-firing", "iso-a-resolved");
        assertThat(alerts.history(null, null, Long.MAX_VALUE, 100)).extracting(AlertOccurrence::fingerprint)
                .containsExactlyInAnyOrder("iso-sys-firing", "iso-sys-resolved");
        assertThat(alerts.history("tenant-a", "iso-sys-firing", Long.MAX_VALUE, 100))
                .as("a tenant asking for a system alert's history").isEmpty();
        assertThat(alerts.history(null, "iso-a-firing", Long.MAX_VALUE, 100))
                .as("the system asking for a tenant alert's history").isEmpty();
        assertThat(alerts.firingSeverity(new TenantId("tenant-a"), "iso-a-firing")).contains(Severity.WARNING);
        assertThat(alerts.firingSeverity(new TenantId("tenant-a"), "iso-b-firing")).isEmpty();
        assertThat(alerts.firingSeverity(new TenantId("tenant-a"), "iso-sys-firing")).isEmpty();
        assertThat(alerts.firingSeverity(null, "iso-sys-firing")).contains(Severity.WARNING);
        assertThat(alerts.firingSeverity(null, "iso-a-firing")).isEmpty();

        assertThat(silences.notExpired("tenant-a", NOW)).extracting(Silence::id).containsExactly(silenceA);
        assertThat(silences.notExpired("tenant-b", NOW)).extracting(Silence::id).containsExactly(silenceB);
        assertThat(silences.notExpired(null, NOW)).extracting(Silence::id).containsExactly(silenceSystem);
        assertThat(silences.list("tenant-a", 100)).extracting(Silence::id).containsExactly(silenceA);
        assertThat(silences.list(null, 100)).extracting(Silence::id).containsExactly(silenceSystem);
    }

    // ---------------------------------------------------------------- hourly purges

    @Test
    void historyPurgeReadsOnlyTheEntriesPastTheRetentionThroughItsAgeIndex() {
        // 30 days of history (50,000 entries) and the hour that just passed the retention
        jdbc.update("""
                INSERT INTO alert_history (event_id, fingerprint, tenant_id, severity, source, summary, details, labels,
                                           status, occurred_at, received_at)
                SELECT gen_random_uuid(), 'plan-' || (n % 700), 'plan-tenant-' || (n % 100), 'warning', 'warmup-service',
                       'summary', NULL, '{}', 'firing', received, received
                FROM\s""" + THIRTY_DAYS_AND_AN_HOUR.formatted("received"), Timestamp.from(NOW));
        jdbc.execute("ANALYZE alert_history");

        List<String> plan = plan(JdbcAlertStore.PURGE_HISTORY, Timestamp.from(NOW.minus(Duration.ofDays(30))));

        assertThat(plan).as(plan.toString()).anySatisfy(node -> assertThat(node).contains("using alert_history_age where (received_at <"))
                .doesNotContain("Seq Scan on alert_history");
    }

    @Test
    void sendLogPurgeReadsOnlyOldSentAndFailedMessagesThroughItsPartialIndex() {
        // 30 days of messages (50,000, a few failed or still unsent) and the hour that just passed the retention
        jdbc.update("""
                INSERT INTO notification (group_key, seq, tenant_id, kind, chat_id, silent, text, status, next_attempt_at,
                                          created_at)
                SELECT 'plan-' || n, 1, 'plan-tenant-' || (n % 100), 'firing', -1001, FALSE, 'text',
                       CASE WHEN n % 97 = 0 THEN 'pending' WHEN n % 20 = 0 THEN 'failed' ELSE 'sent' END, created, created
                FROM\s""" + THIRTY_DAYS_AND_AN_HOUR.formatted("created"), Timestamp.from(NOW));
        jdbc.execute("ANALYZE notification");

        List<String> plan = plan(JdbcNotificationQueue.PURGE_FINISHED, Timestamp.from(NOW.minus(Duration.ofDays(30))));

        assertThat(plan).as(plan.toString()).anySatisfy(node -> assertThat(node).contains("using notification_finished_age where (created_at <"))
                .doesNotContain("Seq Scan on notification");
    }

    @Test
    void resolvedAlertPurgeReadsOnlyAlertsPastTheRetentionThroughItsPartialIndex() {
        storeManyAlerts();

        List<String> plan = plan(JdbcAlertStore.PURGE_RESOLVED, Timestamp.from(NOW.minus(Duration.ofDays(90))));

        // alert_group holds one row per notification group (few): reading it whole for the anti-join is fine
        assertThat(plan).as(plan.toString()).anySatisfy(node -> assertThat(node).contains("using alert_resolved_age where (received_at <"))
                .doesNotContain("Seq Scan on alert");
    }

    @Test
    void housekeepingDeletesOldHistoryAndOldSentOrFailedMessagesButKeepsRecentAndUnsentOnes() {
        Instant old = NOW.minus(Duration.ofDays(30)).minusSeconds(60);
        Instant recent = NOW.minus(Duration.ofDays(30)).plusSeconds(60);
        history("hk-old", old);
        history("hk-recent", recent);
        message("hk-old-sent", "sent", old);
        message("hk-old-failed", "failed", old);
        message("hk-old-pending", "pending", old);
        message("hk-old-sending", "sending", old);
        message("hk-recent-sent", "sent", recent);
        message("hk-recent-failed", "failed", recent);

        housekeeping.purge();

        assertThat(jdbc.queryForList("SELECT fingerprint FROM alert_history", String.class)).containsExactly("hk-recent");
        assertThat(jdbc.queryForList("SELECT group_key FROM notification", String.class)).containsExactlyInAnyOrder(
                "hk-old-pending", "hk-old-sending", "hk-recent-sent", "hk-recent-failed");
    }

    @Test
    void housekeepingForgetsOnlyResolvedAlertsOlderThanTheResolvedAlertRetention() {
        Instant old = NOW.minus(Duration.ofDays(90)).minusSeconds(60);
        Instant recent = NOW.minus(Duration.ofDays(90)).plusSeconds(60);
        group("closed-group", false);
        group("open-group", true);
        alert("resolved-old", "resolved", old, "closed-group");
        alert("resolved-old-ungrouped", "resolved", old, null);
        alert("resolved-recent", "resolved", recent, "closed-group");
        alert("firing-old", "firing", old, "closed-group");
        alert("resolved-old-in-open-episode", "resolved", old, "open-group");

        housekeeping.purge();

        assertThat(jdbc.queryForList("SELECT fingerprint FROM alert", String.class)).containsExactlyInAnyOrder(
                "resolved-recent", "firing-old", "resolved-old-in-open-episode");
    }

    // ---------------------------------------------------------------- helpers

    /**
     * 50,000 alerts of 100 tenants and about 500 of the system, one in 47 firing, last received over the past 87
     * days, plus 50 resolved ones received just before the resolved-alert retention (the next purge's share).
     */
    private void storeManyAlerts() {
        jdbc.update("""
                INSERT INTO alert_group (group_key, tenant_id, group_value, severity, chat_id, silent, open,
                                         episode_started_at, next_evaluation_at)
                SELECT 'plan-group-' || g, 'plan-tenant-' || (g % 100), 'GmailBlock', 'warning', -1001, FALSE, g % 10 = 0,
                       ?::timestamptz, ?::timestamptz
                FROM generate_series(0, 499) g""", Timestamp.from(NOW), Timestamp.from(NOW));
        jdbc.update("""
                INSERT INTO alert (fingerprint, tenant_id, severity, source, summary, details, labels, status, first_seen,
                                   last_seen, occurrences, received_at, group_key)
                SELECT 'plan-' || n, CASE WHEN n % 101 = 0 THEN NULL ELSE 'plan-tenant-' || (n % 100) END,
                       (ARRAY['critical', 'warning', 'info'])[1 + n % 3], 'warmup-service', 'summary ' || n, NULL, '{}',
                       CASE WHEN n % 47 = 0 AND n <= 50000 THEN 'firing' ELSE 'resolved' END, seen, seen, 1, seen,
                       'plan-group-' || (n % 500)
                FROM generate_series(1, 50050) n,
                     LATERAL (SELECT ?::timestamptz - CASE WHEN n <= 50000 THEN make_interval(secs => n * 150)
                                                          ELSE interval '90 days' + make_interval(mins => n - 50000) END
                              AS seen) t""", Timestamp.from(NOW));
        jdbc.execute("ANALYZE alert");
        jdbc.execute("ANALYZE alert_group");
    }

    /**
     * The plan of one statement with its parameters, one line per node: node type, relation, index and the
     * index condition (an index can also be read whole with the condition on a later column: only a condition
     * on its leading column makes the read proportional to the rows asked for).
     */
    private List<String> plan(String sql, Object... args) {
        return QueryPlan.of(jdbc.getDataSource(), sql, args).nodes();
    }

    private void record(String tenant, String fingerprint, AlertStatus status) {
        AlertRaised alert = new AlertRaised(fingerprint, Severity.WARNING, "warmup-service", "summary of " + fingerprint,
                null, Map.of("alertname", "Isolation"), status);
        alerts.record(tenant == null ? null : new TenantId(tenant), alert, UUID.randomUUID(), NOW, NOW, "iso-group");
    }

    private UUID silence(String tenant) {
        UUID id = UUID.randomUUID();
        silences.save(new Silence(id, tenant, List.of(LabelMatcher.of("alertname", "=", "Isolation")),
                NOW.minusSeconds(60), NOW.plus(Duration.ofHours(1)), "key-test", "isolation"), NOW);
        return id;
    }

    private static List<String> fingerprints(List<StoredAlert> stored) {
        return stored.stream().map(StoredAlert::fingerprint).toList();
    }

    private void history(String fingerprint, Instant receivedAt) {
        jdbc.update("""
                INSERT INTO alert_history (event_id, fingerprint, tenant_id, severity, source, summary, labels, status,
                                           occurred_at, received_at)
                VALUES (?, ?, 'tenant-hk', 'info', 'warmup-service', 'summary', '{}', 'firing', ?, ?)""",
                UUID.randomUUID(), fingerprint, Timestamp.from(receivedAt), Timestamp.from(receivedAt));
    }

    private void message(String groupKey, String status, Instant createdAt) {
        jdbc.update("""
                INSERT INTO notification (group_key, seq, tenant_id, kind, chat_id, silent, text, status, next_attempt_at,
                                          created_at)
                VALUES (?, 1, 'tenant-hk', 'firing', -1001, FALSE, 'text', ?, ?, ?)""",
                groupKey, status, Timestamp.from(createdAt), Timestamp.from(createdAt));
    }

    private void group(String groupKey, boolean open) {
        jdbc.update("""
                INSERT INTO alert_group (group_key, tenant_id, group_value, severity, chat_id, silent, open,
                                         episode_started_at, next_evaluation_at)
                VALUES (?, 'tenant-hk', 'Housekeeping', 'warning', -1001, FALSE, ?, ?, ?)""",
                groupKey, open, Timestamp.from(NOW.minus(Duration.ofDays(120))), Timestamp.from(NOW));
    }

    private void alert(String fingerprint, String status, Instant receivedAt, String groupKey) {
        jdbc.update("""
                INSERT INTO alert (fingerprint, tenant_id, severity, source, summary, labels, status, first_seen, last_seen,
                                   occurrences, received_at, group_key)
                VALUES (?, 'tenant-hk', 'warning', 'warmup-service', 'summary', '{}', ?, ?, ?, 1, ?, ?)""",
                fingerprint, status, Timestamp.from(receivedAt), Timestamp.from(receivedAt), Timestamp.from(receivedAt),
                groupKey);
    }
}
