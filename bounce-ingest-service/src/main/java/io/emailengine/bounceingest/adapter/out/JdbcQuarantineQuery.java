package io.emailengine.bounceingest.adapter.out;

import io.emailengine.bounceingest.application.QuarantineQuery;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

@Repository
class JdbcQuarantineQuery implements QuarantineQuery {

    private final JdbcTemplate jdbc;

    JdbcQuarantineQuery(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<QuarantinedLine> quarantined(String source, Long beforeId, int limit) {
        return jdbc.query("""
                SELECT id, source, batch_id, line_no, reason, excerpt, received_at FROM quarantined_line
                WHERE (CAST(? AS VARCHAR) IS NULL OR source = ?) AND (CAST(? AS BIGINT) IS NULL OR id < ?)
                ORDER BY id DESC LIMIT ?""",
                (rs, n) -> new QuarantinedLine(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getLong(4),
                        rs.getString(5), rs.getString(6), rs.getTimestamp(7).toInstant()),
                source, source, beforeId, beforeId, limit);
    }
}
