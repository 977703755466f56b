package io.emailengine.mailwizz.adapter.out.mailwizzdb;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.emailengine.events.types.TenantId;
import io.emailengine.mailwizz.application.MailwizzDatabase;
import io.emailengine.mailwizz.application.MailwizzDatabaseUnavailableException;
import io.emailengine.mailwizz.config.MailwizzProperties;
import io.emailengine.mailwizz.domain.DeliveryServerQuota;
import io.emailengine.mailwizz.domain.QuotaWrite;
import io.emailengine.mailwizz.domain.TablePrefix;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.DisposableBean;

/**
 * MailWizz's delivery_server table over plain JDBC (MariaDB/MySQL driver). One small pool per distinct
 * database, shared by the tenants on it; pools start lazily and tolerate a database that is down at
 * start-up. Only {@code hourly_quota} and {@code daily_quota} of one row are ever written.
 */
public class JdbcMailwizzDatabase implements MailwizzDatabase, DisposableBean {

    private final MailwizzProperties properties;
    private final Map<String, HikariDataSource> pools = new ConcurrentHashMap<>();

    public JdbcMailwizzDatabase(MailwizzProperties properties) {
        this.properties = properties;
    }

    @Override
    public boolean hasDatabase(TenantId tenant) {
        MailwizzProperties.Tenant connection = properties.tenants().get(tenant.value());
        return connection != null && connection.jdbcUrl() != null && !connection.jdbcUrl().isBlank();
    }

    @Override
    public Optional<DeliveryServerQuota> read(TenantId tenant, long serverId) {
        String table = table(tenant);
        try (Connection connection = connect(tenant);
             PreparedStatement select = connection.prepareStatement(
                     "SELECT server_id, hourly_quota, daily_quota, warmup_plan_id FROM " + table + " WHERE server_id = ?"
                             + customerFilter(tenant))) {
            select.setLong(1, serverId);
            bindCustomer(tenant, select, 2);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(quota(row)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw unavailable(tenant, e);
        }
    }

    @Override
    public QuotaWrite writeQuota(TenantId tenant, long serverId, long hourly, long daily) {
        return writeQuotas(tenant, List.of(new QuotaTarget(serverId, hourly, daily))).get(serverId);
    }

    @Override
    public Map<Long, QuotaWrite> writeQuotas(TenantId tenant, List<QuotaTarget> targets) {
        Map<Long, QuotaWrite> decisions = new java.util.LinkedHashMap<>();
        if (targets.isEmpty()) {
            return decisions;
        }
        String table = table(tenant);
        String marks = String.join(", ", java.util.Collections.nCopies(targets.size(), "?"));
        try (Connection connection = connect(tenant)) {
            connection.setAutoCommit(false);
            try {
                Map<Long, DeliveryServerQuota> current = new java.util.HashMap<>();
                try (PreparedStatement lock = connection.prepareStatement("SELECT server_id, hourly_quota, daily_quota, warmup_plan_id FROM "
                        + table + " WHERE server_id IN (" + marks + ")" + customerFilter(tenant) + " ORDER BY server_id FOR UPDATE")) {
                    for (int i = 0; i < targets.size(); i++) {
                        lock.setLong(i + 1, targets.get(i).serverId());
                    }
                    bindCustomer(tenant, lock, targets.size() + 1);
                    try (ResultSet rows = lock.executeQuery()) {
                        while (rows.next()) {
                            DeliveryServerQuota quota = quota(rows);
                            current.put(quota.serverId(), quota);
                        }
                    }
                }
                int writes = 0;
                try (PreparedStatement update = connection.prepareStatement("UPDATE " + table
                        + " SET hourly_quota = ?, daily_quota = ? WHERE server_id = ? AND warmup_plan_id IS NULL" + customerFilter(tenant))) {
                    for (QuotaTarget target : targets) {
                        QuotaWrite decision = QuotaWrite.decide(current.get(target.serverId()), target.hourly(), target.daily());
                        if (decisions.putIfAbsent(target.serverId(), decision) != null) {
                            throw new IllegalArgumentException("server " + target.serverId() + " appears twice in one batch");
                        }
                        if (decision == QuotaWrite.WRITE) {
                            update.setLong(1, target.hourly());
                            update.setLong(2, target.daily());
                            update.setLong(3, target.serverId());
                            bindCustomer(tenant, update, 4);
                            update.addBatch();
                            writes++;
                        }
                    }
                    if (writes > 0) {
                        for (int count : update.executeBatch()) {
                            if (count != 1 && count != PreparedStatement.SUCCESS_NO_INFO) {
                                throw new SQLException("a delivery server row changed under its lock");
                            }
                        }
                    }
                }
                connection.commit();
                return decisions;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw unavailable(tenant, e);
        }
    }

    @Override
    public List<Long> serversNamed(TenantId tenant, List<String> names) {
        if (names.isEmpty()) {
            return List.of();
        }
        String marks = String.join(", ", java.util.Collections.nCopies(names.size(), "?"));
        String sql = "SELECT server_id FROM " + table(tenant) + " WHERE status <> 'pending-delete' AND (hostname IN (" + marks
                + ") OR name IN (" + marks + "))" + customerFilter(tenant) + " ORDER BY server_id";
        try (Connection connection = connect(tenant); PreparedStatement select = connection.prepareStatement(sql)) {
            int i = 1;
            for (int pass = 0; pass < 2; pass++) {
                for (String name : names) {
                    select.setString(i++, name);
                }
            }
            bindCustomer(tenant, select, i);
            List<Long> ids = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getLong(1));
                }
            }
            return ids;
        } catch (SQLException e) {
            throw unavailable(tenant, e);
        }
    }

    private static DeliveryServerQuota quota(ResultSet row) throws SQLException {
        long plan = row.getLong("warmup_plan_id");
        Long warmupPlan = row.wasNull() ? null : plan;
        return new DeliveryServerQuota(row.getLong("server_id"), row.getLong("hourly_quota"), row.getLong("daily_quota"), warmupPlan);
    }

    /** Restricts a statement to the tenant's MailWizz customer, when one is configured. */
    private String customerFilter(TenantId tenant) {
        return settings(tenant).customerId() == null ? "" : " AND customer_id = ?";
    }

    private void bindCustomer(TenantId tenant, PreparedStatement statement, int index) throws SQLException {
        Long customer = settings(tenant).customerId();
        if (customer != null) {
            statement.setLong(index, customer);
        }
    }

    private String table(TenantId tenant) {
        return new TablePrefix(settings(tenant).tablePrefix()).deliveryServerTable();
    }

    private MailwizzProperties.Tenant settings(TenantId tenant) {
        MailwizzProperties.Tenant connection = properties.tenants().get(tenant.value());
        if (connection == null || connection.jdbcUrl() == null || connection.jdbcUrl().isBlank()) {
            throw new IllegalArgumentException("no MailWizz database is configured for tenant " + tenant.value());
        }
        return connection;
    }

    private Connection connect(TenantId tenant) throws SQLException {
        MailwizzProperties.Tenant settings = settings(tenant);
        String key = settings.jdbcUrl() + "|" + settings.jdbcUsername();
        return pools.computeIfAbsent(key, ignored -> pool(tenant, settings)).getConnection();
    }

    private HikariDataSource pool(TenantId tenant, MailwizzProperties.Tenant settings) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("mailwizz-db-" + tenant.value());
        config.setJdbcUrl(settings.jdbcUrl());
        config.setUsername(settings.jdbcUsername());
        config.setPassword(settings.jdbcPassword());
        config.setMaximumPoolSize(properties.quotas().databasePoolSize());
        config.setMinimumIdle(0);
        config.setConnectionTimeout(Math.max(250, properties.quotas().databaseConnectTimeout().toMillis()));
        config.setValidationTimeout(Math.max(250, Math.min(properties.quotas().databaseConnectTimeout().toMillis(), 5000)));
        // -1: a MailWizz database that is down at start-up must not stop the gateway; writes wait and retry.
        config.setInitializationFailTimeout(-1);
        return new HikariDataSource(config);
    }

    /** The message names the tenant and the SQL state, never the URL's credentials or the password. */
    private static MailwizzDatabaseUnavailableException unavailable(TenantId tenant, SQLException e) {
        return new MailwizzDatabaseUnavailableException("MailWizz database of tenant " + tenant.value() + " failed (SQL state "
                + e.getSQLState() + ", " + e.getClass().getSimpleName() + ")", e);
    }

    @Override
    public void destroy() {
        pools.values().forEach(HikariDataSource::close);
    }
}
