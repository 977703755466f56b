package io.emailengine.simulator.mailwizz;

import java.time.Instant;

/**
 * One write that changed {@code hourly_quota} or {@code daily_quota} of a delivery server, as recorded by the
 * MariaDB trigger on {@code mw_delivery_server} (so {@code at} is the database's clock at the write, in UTC,
 * microsecond precision, whoever wrote it).
 *
 * @param changeId  increasing id of the audit row
 * @param changedBy the database account that wrote, e.g. {@code email_engine@127.0.0.1}
 */
public record QuotaChange(long changeId, long serverId, long oldHourly, long newHourly, long oldDaily, long newDaily,
                          Instant at, String changedBy) {
}
