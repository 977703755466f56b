package io.emailengine.kit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.emailengine.testsupport.TestPostgres;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;

/** The indexes the kit's Flyway callback adds to its tables, on the databases services already have. */
class KitIndexesTest {

    private static final String[] LOCATIONS = {"classpath:db/migration/kit", "classpath:db/fixture/service"};

    private final DataSource database = TestPostgres.get().createDatabase("kit-indexes").dataSource();
    private final JdbcTemplate jdbc = new JdbcTemplate(database);

    @Test
    void indexesReachADatabaseMigratedByAnEarlierReleaseWhichStillStartsOnItAfterwards() {
        earlierRelease().migrate();
        assertThat(kitIndexes()).doesNotContainKeys("outbox_event_published", "processed_event_age");

        thisRelease().migrate();
        assertThat(kitIndexes()).containsEntry("outbox_event_published", true).containsEntry("processed_event_age", true);

        // A rollback: the earlier release migrates (and so validates) the same database at its start-up.
        assertThat(earlierRelease().migrate().success).isTrue();
    }

    @Test
    void anInvalidIndexLeftByAFailedConcurrentBuildIsRebuilt() {
        thisRelease().migrate();
        jdbc.execute("DROP INDEX processed_event_age");
        // A unique build over two equal times fails half-way, as a cancelled or killed concurrent build would.
        Timestamp sameTime = Timestamp.from(Instant.parse("2026-11-28T10:00:00Z"));
        jdbc.update("INSERT INTO processed_event VALUES ('a', gen_random_uuid(), ?), ('b', gen_random_uuid(), ?)", sameTime, sameTime);
        assertThatThrownBy(() -> jdbc.execute("CREATE UNIQUE INDEX CONCURRENTLY processed_event_age ON processed_event (processed_at)"))
                .isInstanceOf(DataIntegrityViolationException.class);
        assertThat(kitIndexes()).containsEntry("processed_event_age", false);

        thisRelease().migrate();

        assertThat(kitIndexes()).containsEntry("processed_event_age", true);
        assertThat(jdbc.queryForObject("SELECT indisunique FROM pg_index WHERE indexrelid = 'processed_event_age'::regclass",
                Boolean.class)).isFalse();
    }

    /** Its kit had the versioned migrations only: no callback, no repeatable script. */
    private Flyway earlierRelease() {
        return Flyway.configure().dataSource(database).locations(LOCATIONS)
                .skipDefaultCallbacks(true).repeatableSqlMigrationPrefix("NONE").load();
    }

    private Flyway thisRelease() {
        return Flyway.configure().dataSource(database).locations(LOCATIONS).load();
    }

    /** Index name to whether it is valid, for the indexes of the kit's tables. */
    private Map<String, Boolean> kitIndexes() {
        return jdbc.query("""
                SELECT indexrelid::regclass::text AS name, indisvalid FROM pg_index
                WHERE indrelid IN ('outbox_event'::regclass, 'processed_event'::regclass)""",
                (rs, i) -> Map.entry(rs.getString(1), rs.getBoolean(2)))
                .stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }
}
