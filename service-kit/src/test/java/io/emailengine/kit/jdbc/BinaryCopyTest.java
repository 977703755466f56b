package io.emailengine.kit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.emailengine.testsupport.TestPostgres;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Every value kind, and NULL, written with a binary COPY into a real PostgreSQL and read back. */
class BinaryCopyTest {

    private final JdbcTemplate jdbc = new JdbcTemplate(TestPostgres.get().createDatabase("binary-copy").dataSource());
    private final TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(jdbc.getDataSource()));

    @Test
    void everyValueKindAndNullReadsBackAsWritten() {
        jdbc.execute("""
                CREATE TABLE sample (n BIGINT, id UUID UNIQUE, at TIMESTAMPTZ, label TEXT, raw BYTEA, hashes BIGINT[], small INT)""");
        UUID id = UUID.fromString("0193a1b2-c3d4-8e5f-9a0b-1c2d3e4f5a6b");
        Instant at = Instant.parse("2026-11-28T10:15:30.123456Z");
        long copied = tx.execute(status -> new BinaryCopy(16)
                .row(7).int8(-42).uuid(id).timestamp(at).text("Grüße, \"quoted\"\n").bytes(new byte[] {0, -1, 7})
                .int8Array(new long[] {Long.MIN_VALUE, 0, Long.MAX_VALUE}).int4(Integer.MIN_VALUE)
                .row(7).int8(1).uuid(null).timestamp(null).text(null).bytes(null).int8Array(null).nullValue()
                .copyIn(jdbc, "COPY sample (n, id, at, label, raw, hashes, small) FROM STDIN (FORMAT binary)"));

        assertThat(copied).isEqualTo(2);
        Map<String, Object> first = jdbc.queryForMap("SELECT * FROM sample WHERE n = -42");
        assertThat(first.get("id")).isEqualTo(id);
        assertThat(((Timestamp) first.get("at")).toInstant()).isEqualTo(at);
        assertThat(first.get("label")).isEqualTo("Grüße, \"quoted\"\n");
        assertThat((byte[]) first.get("raw")).containsExactly(0, -1, 7);
        assertThat(first.get("small")).isEqualTo(Integer.MIN_VALUE);
        assertThat(jdbc.queryForList("SELECT unnest(hashes) FROM sample WHERE n = -42", Long.class))
                .containsExactly(Long.MIN_VALUE, 0L, Long.MAX_VALUE);
        Map<String, Object> second = jdbc.queryForMap("SELECT * FROM sample WHERE n = 1");
        assertThat(Arrays.asList(second.get("id"), second.get("at"), second.get("label"), second.get("raw"), second.get("hashes"),
                second.get("small")))
                .containsOnlyNulls();
    }

    @Test
    void aConstraintViolationFailsTheWholeCopy() {
        jdbc.execute("CREATE TABLE keyed (id UUID PRIMARY KEY)");
        UUID id = UUID.randomUUID();
        tx.executeWithoutResult(status -> new BinaryCopy(16).row(1).uuid(id).copyIn(jdbc, "COPY keyed (id) FROM STDIN (FORMAT binary)"));

        assertThatThrownBy(() -> tx.executeWithoutResult(status -> new BinaryCopy(16)
                .row(1).uuid(UUID.randomUUID()).row(1).uuid(id)
                .copyIn(jdbc, "COPY keyed (id) FROM STDIN (FORMAT binary)")))
                .isInstanceOf(DuplicateKeyException.class);
        assertThat(jdbc.queryForList("SELECT id FROM keyed", UUID.class)).as("nothing of the failed COPY").isEqualTo(List.of(id));
    }
}
