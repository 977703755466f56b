package io.emailengine.kit.jdbc;

import java.sql.Timestamp;
import java.time.Instant;
import org.postgresql.PGStatement;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Deletes the rows of a table older than a cutoff, oldest first, one bounded chunk of rows per
 * statement. Called outside a transaction, each chunk commits on its own.
 *
 * <p>Chunks, because one purge can find far more than an hour of rows: the first one of a table
 * that was never purged, or one after a burst. A single {@code DELETE} of millions of rows would
 * hold one transaction for minutes or hours, keep vacuum from cleaning up anything meanwhile, and
 * lose all its work to a statement timeout or a restart; a chunk commits what it deleted.
 *
 * <p>A chunk starts at the newest timestamp the previous one deleted, so the index seek skips
 * straight past the entries of the rows already deleted, which stay in the index until vacuum:
 * starting every chunk from the oldest entry would make a large backlog cost time quadratic in its
 * number of chunks.
 *
 * <p>The chunk statement takes the lower bound (inclusive), the cutoff (exclusive) and the chunk
 * size, deletes the oldest rows in that range through an index on the timestamp, and returns one
 * row: the number of rows deleted and the newest timestamp among them.
 */
public final class ChunkedPurge {

    /** Rows per chunk: a transaction of a fraction of a second, thousands of rows per round trip. */
    public static final int CHUNK_ROWS = 10_000;
    /** The first chunk's lower bound: PostgreSQL's {@code -infinity}, before every timestamp. */
    private static final Timestamp BEFORE_ALL = new Timestamp(PGStatement.DATE_NEGATIVE_INFINITY);

    private static final java.util.regex.Pattern IDENTIFIER = java.util.regex.Pattern.compile("[a-z_][a-z0-9_]*");

    private ChunkedPurge() {
    }

    /**
     * The chunk statement for a table and its timestamp column (both constants of the caller, checked
     * to be plain identifiers): the oldest rows in {@code [from, cutoff)} through an index on the
     * column, deleted by row address (ctid); rows another replica's purge holds are skipped, not
     * waited for. Rows whose column is NULL are in no range, so never deleted.
     */
    public static String chunkStatement(String table, String timeColumn) {
        for (String identifier : new String[] {table, timeColumn}) {
            if (!IDENTIFIER.matcher(identifier).matches()) {
                throw new IllegalArgumentException("not a plain SQL identifier: '" + identifier + "'");
            }
        }
        return """
                WITH purged AS (
                    DELETE FROM %1$s WHERE ctid = ANY (ARRAY(
                        SELECT ctid FROM %1$s WHERE %2$s >= ? AND %2$s < ?
                        ORDER BY %2$s LIMIT ? FOR UPDATE SKIP LOCKED))
                    RETURNING %2$s)
                SELECT count(*), max(%2$s) FROM purged""".formatted(table, timeColumn);
    }

    /**
     * Runs the chunk statement until a chunk finds fewer rows than it may delete, or the thread is
     * interrupted (what was deleted stays deleted).
     *
     * @return the number of rows deleted
     */
    public static int deleteOlderThan(JdbcTemplate jdbc, String chunkStatement, Instant cutoff) {
        return (int) deleteOlderThan(jdbc, chunkStatement, cutoff, CHUNK_ROWS, Integer.MAX_VALUE);
    }

    /**
     * As {@link #deleteOlderThan(JdbcTemplate, String, Instant)}, in chunks of {@code chunkRows} and at
     * most {@code maxChunks} of them: a caller on a shared scheduler thread stops there and goes on with
     * the oldest rows left at its next run.
     *
     * @return the number of rows deleted
     */
    public static long deleteOlderThan(JdbcTemplate jdbc, String chunkStatement, Instant cutoff, int chunkRows, int maxChunks) {
        Timestamp from = BEFORE_ALL;
        Timestamp until = Timestamp.from(cutoff);
        long deleted = 0;
        for (int chunks = 0; chunks < maxChunks && !Thread.currentThread().isInterrupted(); chunks++) {
            Chunk chunk = jdbc.queryForObject(chunkStatement,
                    (rs, i) -> new Chunk(rs.getInt(1), rs.getTimestamp(2)), from, until, chunkRows);
            deleted += chunk.rows();
            if (chunk.rows() < chunkRows) {
                break;
            }
            from = chunk.newest();
        }
        return deleted;
    }

    private record Chunk(int rows, Timestamp newest) {
    }
}
