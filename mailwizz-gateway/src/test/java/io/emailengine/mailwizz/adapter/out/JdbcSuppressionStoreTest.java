package io.emailengine.mailwizz.adapter.out;

import static org.assertj.core.api.Assertions.assertThat;

import io.emailengine.mailwizz.application.Suppressions;
import io.emailengine.testsupport.QueryPlan;
import io.emailengine.testsupport.MutableClock;
import io.emailengine.testsupport.RealInfrastructure;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
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
 * The suppression queue as it grows: the purge of finished suppressions reads by index however many rows are
 * stored (checked on PostgreSQL's plan after tens of thousands of rows and ANALYZE), and deletes exactly the
 * finished rows past the retention.
 */
@RealInfrastructure
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = {
        "email-engine.mailwizz.suppression.enabled=false",
        "email-engine.mailwizz.quotas.enabled=false"})
class JdbcSuppressionStoreTest {

    static final Instant NOW = Instant.parse("2026-11-20T10:00:00Z");

    @TestConfiguration
    static class TestClock {
        @Bean
        @Primary
        MutableClock mutableClock() {
            return new MutableClock(NOW);
        }
    }

    @Autowired Suppressions suppressions;
    @Autowired JdbcTemplate jdbc;

    @AfterEach
    void emptyTheQueue() {
        jdbc.execute("TRUNCATE pending_suppression");
    }

    @Test
    void finishedSuppressionPurgeReadsOnlyTheRowsPastTheRetentionThroughItsPartialIndex() {
        // 30 days of finished suppressions (50,000; some not found or failed, a few still pending) and the hour
        // that just passed the retention
        jdbc.update("""
                INSERT INTO pending_suppression (event_id, tenant_id, action, email, message_id, diagnostic, state, outcome,
                                                 attempts, next_attempt_at, created_at, finished_at)
                SELECT gen_random_uuid(), 'tenant-' || (n % 20), 'hard-bounce', 'user' || n || '@example.com',
                       '<' || n || '@mta.example.com>', '550 5.1.1 user unknown', state,
                       CASE WHEN state = 'pending' THEN NULL ELSE 'bounce-created' END, 0, at, at,
                       CASE WHEN state = 'pending' THEN NULL ELSE at END
                FROM generate_series(1, 50050) n,
                     LATERAL (SELECT ?::timestamptz - CASE WHEN n <= 50000 THEN make_interval(secs => n * 50)
                                                          ELSE interval '30 days' + make_interval(mins => n - 50000) END
                              AS at,
                                     CASE WHEN n % 97 = 0 THEN 'pending' WHEN n % 31 = 0 THEN 'failed'
                                          WHEN n % 7 = 0 THEN 'not-found' ELSE 'done' END AS state) t""",
                Timestamp.from(NOW));
        jdbc.execute("ANALYZE pending_suppression");

        List<String> plan = plan(JdbcSuppressionStore.PURGE_FINISHED, Timestamp.from(NOW.minus(Duration.ofDays(30))));

        assertThat(plan).as(plan.toString())
                .anySatisfy(node -> assertThat(node).contains("using pending_suppression_finished_age where (finished_at <"))
                .doesNotContain("Seq Scan on pending_suppression");
    }

    @Test
    void purgeDeletesFinishedSuppressionsPastTheRetentionButKeepsRecentAndPendingOnes() {
        Instant old = NOW.minus(Duration.ofDays(30)).minusSeconds(60);
        Instant recent = NOW.minus(Duration.ofDays(30)).plusSeconds(60);
        suppression("old-done", "done", old, old);
        suppression("old-not-found", "not-found", old, old);
        suppression("old-failed", "failed", old, old);
        suppression("recent-done", "done", old, recent);
        suppression("recent-failed", "failed", recent, recent);
        suppression("old-pending", "pending", NOW.minus(Duration.ofDays(40)), null);

        int purged = suppressions.purgeFinished();

        assertThat(purged).isEqualTo(3);
        assertThat(jdbc.queryForList("SELECT email FROM pending_suppression", String.class))
                .containsExactlyInAnyOrder("recent-done@example.com", "recent-failed@example.com", "old-pending@example.com");
    }

    private void suppression(String name, String state, Instant createdAt, Instant finishedAt) {
        jdbc.update("""
                INSERT INTO pending_suppression (event_id, tenant_id, action, email, state, attempts, next_attempt_at,
                                                 created_at, finished_at)
                VALUES (?, 'tenant-a', 'complaint', ?, ?, 3, ?, ?, ?)""",
                UUID.randomUUID(), name + "@example.com", state, Timestamp.from(createdAt), Timestamp.from(createdAt),
                finishedAt == null ? null : Timestamp.from(finishedAt));
    }

    /**
     * The plan of one statement with its parameters, one line per node: node type, relation, index and the
     * index condition (an index can also be read whole with the condition on a later column: only a condition
     * on its leading column makes the read proportional to the rows asked for).
     */
    private List<String> plan(String sql, Object... args) {
        return QueryPlan.of(jdbc.getDataSource(), sql, args).nodes();
    }
}
