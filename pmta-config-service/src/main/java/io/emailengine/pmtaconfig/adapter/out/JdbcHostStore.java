package io.emailengine.pmtaconfig.adapter.out;

import io.emailengine.pmtaconfig.application.HostStore;
import io.emailengine.pmtaconfig.domain.PmtaHost;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

@Repository
class JdbcHostStore implements HostStore {

    private static final String COLUMNS = "host_id, address, port, ssh_user, private_key_ref, host_key_sha256, "
            + "known_hosts_path, include_path, dkim_key_dir, test_command, reload_command, verify_command";

    private final JdbcTemplate jdbc;

    JdbcHostStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public boolean save(PmtaHost host, Instant now) {
        // xmax = 0 only for a freshly inserted row: tells created from replaced in one statement.
        Boolean inserted = jdbc.queryForObject("INSERT INTO pmta_host (" + COLUMNS + ", created_at, updated_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                        + "ON CONFLICT (host_id) DO UPDATE SET address = excluded.address, port = excluded.port, "
                        + "ssh_user = excluded.ssh_user, private_key_ref = excluded.private_key_ref, "
                        + "host_key_sha256 = excluded.host_key_sha256, known_hosts_path = excluded.known_hosts_path, "
                        + "include_path = excluded.include_path, dkim_key_dir = excluded.dkim_key_dir, "
                        + "test_command = excluded.test_command, reload_command = excluded.reload_command, "
                        + "verify_command = excluded.verify_command, updated_at = excluded.updated_at "
                        + "RETURNING (xmax = 0)", Boolean.class,
                host.hostId(), host.address(), host.port(), host.user(), host.privateKeyRef(), host.hostKeySha256(),
                host.knownHostsPath(), host.includePath(), host.dkimKeyDir(), host.testCommand(), host.reloadCommand(),
                host.verifyCommand(), Timestamp.from(now), Timestamp.from(now));
        return Boolean.TRUE.equals(inserted);
    }

    @Override
    public Optional<PmtaHost> find(String hostId) {
        return jdbc.query("SELECT " + COLUMNS + " FROM pmta_host WHERE host_id = ?", JdbcHostStore::map, hostId)
                .stream().findFirst();
    }

    @Override
    public List<PmtaHost> all() {
        return jdbc.query("SELECT " + COLUMNS + " FROM pmta_host ORDER BY host_id", JdbcHostStore::map);
    }

    private static PmtaHost map(ResultSet rs, int row) throws SQLException {
        return new PmtaHost(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10), rs.getString(11),
                rs.getString(12));
    }
}
