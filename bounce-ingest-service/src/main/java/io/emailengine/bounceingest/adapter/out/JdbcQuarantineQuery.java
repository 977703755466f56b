package io.emailengine.bounceingest.adapter.out;

import io.emailengine.bounceingest.application.QuarantineQuery;
import java.util.ArrayList;
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
        List<Object> parameters = new ArrayList<>(3);
        if (source != null) {
            parameters.add(source);
        }
        if (beforeId != null) {
            parameters.add(beforeId);
        }
        parameters.add(limit);
        return jdbc.query(sql(source != null, beforeId != null),
                (rs, n) -> new QuarantinedLine(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getLong(4),
                        rs.getString(5), rs.getString(6), rs.getTimestamp(7).toInstant()),
                parameters.toArray());
    }

    /**
     * The statement for the filters given, newest first. One statement per combination rather than
     * {@code (? IS NULL OR source = ?)}: once the driver prepares it on the server, PostgreSQL may
     * keep a generic plan, which cannot use the (source, id) index for an optional filter.
     */
    static String sql(boolean bySource, boolean beforeId) {
        String where = bySource && beforeId ? "WHERE source = ? AND id < ? "
                : bySource ? "WHERE source = ? "
                : beforeId ? "WHERE id < ? "
                : "";
        return "SELECT id, source, batch_id, line_no, reason, excerpt, received_at FROM quarantined_line "
                + where + "ORDER BY id DESC LIMIT ?";
    }
}
