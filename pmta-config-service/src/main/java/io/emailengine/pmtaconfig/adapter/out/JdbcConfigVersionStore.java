package io.emailengine.pmtaconfig.adapter.out;

import io.emailengine.pmtaconfig.application.ConfigVersionStore;
import io.emailengine.pmtaconfig.domain.ConfigRenderer;
import io.emailengine.pmtaconfig.domain.RenderedConfig;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

@Repository
class JdbcConfigVersionStore implements ConfigVersionStore {

    private final JdbcTemplate jdbc;

    JdbcConfigVersionStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public RenderedConfig versionFor(String hostId, ConfigRenderer renderer, ConfigRenderer.Body body, Instant now) {
        Optional<RenderedConfig> latest = jdbc.query("""
                SELECT version, content_hash, content, vmta_count FROM config_version WHERE host_id = ?
                ORDER BY version DESC LIMIT 1""",
                (rs, row) -> new RenderedConfig(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getInt(4)), hostId)
                .stream().findFirst();
        if (latest.isPresent() && latest.get().contentHash().equals(body.contentHash())) {
            return latest.get();
        }
        RenderedConfig config = renderer.render(hostId, latest.map(RenderedConfig::version).orElse(0L) + 1, body);
        jdbc.update("""
                INSERT INTO config_version (host_id, version, content_hash, content, vmta_count, created_at)
                VALUES (?, ?, ?, ?, ?, ?)""", hostId, config.version(), config.contentHash(), config.text(),
                config.vmtaCount(), Timestamp.from(now));
        return config;
    }

    @Override
    public Optional<RenderedConfig> find(String hostId, long version) {
        return jdbc.query("SELECT version, content_hash, content, vmta_count FROM config_version WHERE host_id = ? AND version = ?",
                (rs, row) -> new RenderedConfig(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getInt(4)),
                hostId, version).stream().findFirst();
    }

    @Override
    public List<VersionSummary> list(String hostId, long beforeVersion, int limit) {
        return jdbc.query("""
                SELECT version, content_hash, vmta_count, created_at FROM config_version WHERE host_id = ? AND version < ?
                ORDER BY version DESC LIMIT ?""",
                (rs, row) -> new VersionSummary(rs.getLong(1), rs.getString(2), rs.getInt(3),
                        rs.getTimestamp(4).toInstant()), hostId, beforeVersion, limit);
    }
}
