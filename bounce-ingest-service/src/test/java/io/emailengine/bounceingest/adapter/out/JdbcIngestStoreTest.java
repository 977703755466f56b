package io.emailengine.bounceingest.adapter.out;

import static org.assertj.core.api.Assertions.assertThat;

import io.emailengine.bounceingest.application.IngestChunk;
import io.emailengine.testsupport.RealInfrastructure;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

/** The dedupe memory in PostgreSQL: what a batch reads of it, whatever its size. */
@RealInfrastructure
@ActiveProfiles("test")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class JdbcIngestStoreTest {

    private static final String LANES = "store-test-%|";

    @Autowired JdbcIngestStore store;
    @Autowired JdbcTemplate jdbc;

    @AfterEach
    void forgetTheTestLanes() {
        jdbc.update("DELETE FROM ingest_chunk WHERE lane LIKE ?", LANES);
    }

    @Test
    void aBatchReadsTheChunksOfItsLanesByIndexHoweverManyChunksAreRemembered() {
        // 20 lanes x 1,000 chunks (two weeks of a busy host), each chunk covering keys [n * 1000, n * 1000 + 999].
        jdbc.update("""
                INSERT INTO ingest_chunk (lane, first_key, last_key, record_keys, ingested_at)
                SELECT 'store-test-' || l || '|', key(n * 1000), key(n * 1000 + 999), '\\x00'::bytea, now()
                FROM generate_series(1, 20) l, generate_series(1, 1000) n
                ORDER BY n, l""".replace("key(n * 1000)", KEY_SQL.formatted("n * 1000"))
                .replace("key(n * 1000 + 999)", KEY_SQL.formatted("n * 1000 + 999")));
        jdbc.execute("ANALYZE ingest_chunk");
        String[] lanes = new String[20];
        UUID[] low = new UUID[20];
        UUID[] high = new UUID[20];
        for (int l = 0; l < 20; l++) {
            lanes[l] = "store-test-" + (l + 1) + "|";
            low[l] = key(1_001_000);
            high[l] = key(1_001_999);
        }

        String plan = jdbc.execute((java.sql.Connection connection) -> {
            try (PreparedStatement explain = connection.prepareStatement("EXPLAIN (FORMAT JSON) " + JdbcIngestStore.REMEMBERED_KEYS)) {
                explain.setArray(1, connection.createArrayOf("varchar", lanes));
                explain.setArray(2, connection.createArrayOf("uuid", low));
                explain.setArray(3, connection.createArrayOf("uuid", high));
                try (ResultSet rs = explain.executeQuery()) {
                    rs.next();
                    return rs.getString(1);
                }
            }
        });

        assertThat(plan).as("one index probe per lane, never a scan of every chunk")
                .contains("ingest_chunk_lane").doesNotContain("Seq Scan");
    }

    @Test
    void aKeyIsNewUnlessAChunkOfItsOwnLaneHoldsIt() {
        String lane = "store-test-a|";
        String otherLane = "store-test-b|";
        UUID[] remembered = IngestChunk.sort(new UUID[] {key(10), key(20), key(30)});
        store.remember(List.of(new IngestChunk(lane, remembered, null, null, null, new long[0])), Instant.now());

        Set<UUID> fresh = store.claimNew(Map.of(lane, List.of(key(10), key(15), key(30), key(31)), otherLane, List.of(key(20))));

        assertThat(fresh).containsExactlyInAnyOrder(key(15), key(31), key(20));
    }

    /** Keys in PostgreSQL's uuid order: the number in the last 12 hex digits. */
    private static final String KEY_SQL = "('00000000-0000-0000-0000-' || lpad(to_hex(%s), 12, '0'))::uuid";

    private static UUID key(long n) {
        return new UUID(0, n);
    }
}
