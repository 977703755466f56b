package io.emailengine.bounceingest.adapter.out;

import io.emailengine.bounceingest.application.pull.PullCheckpoint;
import io.emailengine.bounceingest.application.pull.PullCheckpointStore;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

@Repository
class JdbcPullCheckpointStore implements PullCheckpointStore {

    /** Column names cannot contain a line feed (it would end the header record), so it separates them. */
    private static final String SEPARATOR = "\n";

    private final JdbcTemplate jdbc;
    private final Clock clock;

    JdbcPullCheckpointStore(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    public Optional<PullCheckpoint> find(String host, String fileId) {
        return jdbc.query("""
                SELECT host, file_id, file_name, size_seen, byte_offset, next_line, header
                FROM pull_checkpoint WHERE host = ? AND file_id = ?""",
                (rs, n) -> new PullCheckpoint(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4),
                        rs.getLong(5), rs.getLong(6), header(rs.getString(7))), host, fileId).stream().findFirst();
    }

    @Override
    public boolean fullyRead(String host, String fileName, long size) {
        Long count = jdbc.queryForObject("""
                SELECT count(*) FROM pull_checkpoint
                WHERE host = ? AND file_name = ? AND size_seen = ? AND byte_offset >= ?""", Long.class,
                host, fileName, size, size);
        return count != null && count > 0;
    }

    @Override
    public void save(PullCheckpoint checkpoint) {
        jdbc.update("""
                INSERT INTO pull_checkpoint (host, file_id, file_name, size_seen, byte_offset, next_line, header, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (host, file_id) DO UPDATE SET
                    file_name = excluded.file_name, size_seen = excluded.size_seen,
                    byte_offset = GREATEST(pull_checkpoint.byte_offset, excluded.byte_offset),
                    next_line = CASE WHEN excluded.byte_offset >= pull_checkpoint.byte_offset
                                     THEN excluded.next_line ELSE pull_checkpoint.next_line END,
                    header = CASE WHEN excluded.byte_offset >= pull_checkpoint.byte_offset
                                  THEN excluded.header ELSE pull_checkpoint.header END,
                    updated_at = excluded.updated_at""",
                checkpoint.host(), checkpoint.fileId(), checkpoint.fileName(), checkpoint.size(), checkpoint.offset(),
                checkpoint.nextLine(), checkpoint.header() == null ? null : String.join(SEPARATOR, checkpoint.header()),
                Timestamp.from(clock.instant()));
    }

    private static List<String> header(String stored) {
        return stored == null ? null : Arrays.asList(stored.split(SEPARATOR, -1));
    }
}
