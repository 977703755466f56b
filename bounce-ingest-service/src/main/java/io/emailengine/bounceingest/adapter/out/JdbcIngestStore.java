package io.emailengine.bounceingest.adapter.out;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.emailengine.bounceingest.application.IngestStore;
import io.emailengine.bounceingest.application.IngestSummary;
import io.emailengine.bounceingest.application.MessageOrigin;
import io.emailengine.bounceingest.application.PendingWindow;
import io.emailengine.bounceingest.application.Unattributed;
import io.emailengine.bounceingest.domain.AccountingRecord;
import io.emailengine.bounceingest.domain.InterpretedRecord;
import io.emailengine.bounceingest.domain.MessageIds;
import io.emailengine.bounceingest.domain.RejectedLine;
import io.emailengine.bounceingest.domain.WindowCounts;
import io.emailengine.bounceingest.domain.WindowKey;
import io.emailengine.events.DeliveryReport;
import io.emailengine.events.types.Provider;
import io.emailengine.events.types.SendingIp;
import io.emailengine.events.types.TenantId;
import io.emailengine.events.types.VirtualMtaName;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.temporal.ChronoUnit;
import org.postgresql.PGConnection;
import org.springframework.jdbc.core.ConnectionCallback;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

@Repository
class JdbcIngestStore implements IngestStore {

    private static final String UNIQUE_VIOLATION = "23505";
    private static final byte[] COPY_SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0};
    /** Field count, then uuid (length + 16 bytes) and timestamptz (length + 8 bytes of microseconds). */
    private static final int ROW_BYTES = 2 + 4 + 16 + 4 + 8;
    private static final Instant POSTGRES_EPOCH = Instant.parse("2000-01-01T00:00:00Z");

    private final JdbcTemplate jdbc;
    private final ObjectMapper mapper;

    JdbcIngestStore(JdbcTemplate jdbc, ObjectMapper mapper) {
        this.jdbc = jdbc;
        this.mapper = mapper;
    }

    @Override
    public long startBatch(String source, String channel, Instant at) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.update(connection -> {
            PreparedStatement statement = connection.prepareStatement(
                    "INSERT INTO ingest_batch (source, channel, started_at) VALUES (?, ?, ?)", new String[] {"id"});
            statement.setString(1, source);
            statement.setString(2, channel);
            statement.setTimestamp(3, Timestamp.from(at));
            return statement;
        }, keys);
        return keys.getKey().longValue();
    }

    @Override
    public void finishBatch(long batchId, IngestSummary summary, Instant at) {
        jdbc.update("""
                UPDATE ingest_batch SET finished_at = ?, accepted = ?, duplicates = ?, rejected = ?, unattributed = ?
                WHERE id = ?""", Timestamp.from(at), summary.accepted(), summary.duplicates(), summary.rejected(),
                summary.unattributed(), batchId);
    }

    /**
     * Optimistic: the keys of a batch are almost always new, so they are streamed with a binary
     * {@code COPY} (one round trip, no per-row SQL) inside a savepoint. Only when one of them exists
     * already (a re-post, a resumed pull, another replica racing on the same record) does the unique
     * index refuse the COPY; the savepoint is rolled back and the batch goes through
     * {@code INSERT ... ON CONFLICT DO NOTHING RETURNING}, which tells the new keys apart. Either way
     * a key is claimed by exactly one committed transaction.
     */
    @Override
    public Set<UUID> claimNew(Collection<UUID> keys, Instant at) {
        if (keys.isEmpty()) {
            return Set.of();
        }
        Boolean copied = jdbc.execute((ConnectionCallback<Boolean>) connection -> copyKeys(connection, keys, at));
        if (Boolean.TRUE.equals(copied)) {
            return keys instanceof Set<UUID> set ? set : new HashSet<>(keys);
        }
        Set<UUID> fresh = new HashSet<>(keys.size() * 2);
        jdbc.query(connection -> {
            PreparedStatement statement = connection.prepareStatement("""
                    INSERT INTO ingested_record (record_key, ingested_at)
                    SELECT k, ? FROM unnest(?) AS k
                    ON CONFLICT (record_key) DO NOTHING
                    RETURNING record_key""");
            statement.setTimestamp(1, Timestamp.from(at));
            statement.setArray(2, connection.createArrayOf("uuid", keys.toArray()));
            return statement;
        }, rs -> {
            fresh.add(rs.getObject(1, UUID.class));
        });
        return fresh;
    }

    /** @return false when a key exists already (the savepoint was rolled back), true when all were inserted */
    private static boolean copyKeys(Connection connection, Collection<UUID> keys, Instant at) throws SQLException {
        byte[] rows = binaryCopy(keys, at);
        Savepoint savepoint = connection.setSavepoint();
        try {
            connection.unwrap(PGConnection.class).getCopyAPI().copyIn(
                    "COPY ingested_record (record_key, ingested_at) FROM STDIN (FORMAT binary)",
                    new ByteArrayInputStream(rows));
        } catch (SQLException e) {
            connection.rollback(savepoint);
            if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                return false;
            }
            throw e;
        } catch (IOException e) {
            connection.rollback(savepoint);
            throw new SQLException("COPY of record keys failed", e);
        }
        connection.releaseSavepoint(savepoint);
        return true;
    }

    private static byte[] binaryCopy(Collection<UUID> keys, Instant at) {
        CopyRows rows = new CopyRows(19 + keys.size() * ROW_BYTES + 2);
        long micros = ChronoUnit.MICROS.between(POSTGRES_EPOCH, at);
        for (UUID key : keys) {
            rows.row(2).uuid(key).int8(micros);
        }
        return rows.finish();
    }

    @Override
    public void addCounts(Map<WindowKey, WindowCounts> counts, Map<WindowKey, VirtualMtaName> vmtas, Duration window) {
        List<Object[]> cells = new ArrayList<>(counts.size());
        List<Object[]> signals = new ArrayList<>();
        counts.forEach((key, count) -> {
            VirtualMtaName vmta = vmtas.get(key);
            Timestamp start = Timestamp.from(key.windowStart());
            cells.add(new Object[] {key.tenant().value(), key.ip().value(), key.provider().name(), start,
                    Timestamp.from(key.windowStart().plus(window)), vmta == null ? null : vmta.value(),
                    count.delivered(), count.hard(), count.soft(), count.deferred(), count.complaints()});
            count.signals().forEach((code, n) -> signals.add(new Object[] {key.tenant().value(), key.ip().value(),
                    key.provider().name(), start, code, n}));
        });
        jdbc.batchUpdate("""
                INSERT INTO delivery_counter (tenant_id, ip, provider, window_start, window_end, vmta,
                                              delivered, hard, soft, deferred, complaints, pending)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, TRUE)
                ON CONFLICT (tenant_id, ip, provider, window_start) DO UPDATE SET
                    vmta = COALESCE(excluded.vmta, delivery_counter.vmta),
                    delivered = delivery_counter.delivered + excluded.delivered,
                    hard = delivery_counter.hard + excluded.hard,
                    soft = delivery_counter.soft + excluded.soft,
                    deferred = delivery_counter.deferred + excluded.deferred,
                    complaints = delivery_counter.complaints + excluded.complaints,
                    pending = TRUE""", cells);
        if (!signals.isEmpty()) {
            jdbc.batchUpdate("""
                    INSERT INTO delivery_signal_counter (tenant_id, ip, provider, window_start, code, count)
                    VALUES (?, ?, ?, ?, ?, ?)
                    ON CONFLICT (tenant_id, ip, provider, window_start, code) DO UPDATE SET
                        count = delivery_signal_counter.count + excluded.count""", signals);
        }
    }

    @Override
    public void quarantine(String source, long batchId, List<RejectedLine> lines, Instant at) {
        Timestamp received = Timestamp.from(at);
        jdbc.batchUpdate("""
                INSERT INTO quarantined_line (source, batch_id, line_no, reason, excerpt, received_at)
                VALUES (?, ?, ?, ?, ?, ?)""",
                lines.stream().map(line -> new Object[] {source, batchId, line.line(), line.reason(), line.excerpt(), received})
                        .toList());
    }

    @Override
    public void keepUnattributed(String source, long batchId, List<Unattributed> records, Instant at) {
        Timestamp received = Timestamp.from(at);
        List<Object[]> rows = new ArrayList<>(records.size());
        for (Unattributed item : records) {
            InterpretedRecord record = item.record();
            rows.add(new Object[] {record.key(), source, batchId, record.line(), record.type().code(),
                    record.outcome().name().toLowerCase(java.util.Locale.ROOT),
                    record.ip() == null ? null : record.ip().value(), record.vmta() == null ? null : record.vmta().value(),
                    record.provider().name(), Timestamp.from(record.loggedAt()), item.reason(),
                    json(record.raw().fields()), received});
        }
        jdbc.batchUpdate("""
                INSERT INTO unattributed_record (record_key, source, batch_id, line_no, record_type, outcome, ip, vmta,
                                                 provider, logged_at, reason, fields, received_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (record_key) DO NOTHING""", rows);
    }

    @Override
    public List<AccountingRecord> takeUnattributed(String ip, String vmta) {
        return jdbc.query("""
                DELETE FROM unattributed_record WHERE ip = ? OR (ip IS NULL AND vmta = ?)
                RETURNING line_no, fields""", (rs, n) -> new AccountingRecord(rs.getLong(1), fields(rs.getString(2))), ip, vmta);
    }

    @Override
    public List<PendingWindow> lockPendingWindows(Instant endedBy, int limit) {
        List<Cell> cells = jdbc.query("""
                SELECT tenant_id, ip, provider, window_start, window_end, vmta, delivered, hard, soft, deferred, complaints
                FROM delivery_counter
                WHERE pending AND window_end <= ?
                ORDER BY window_end
                LIMIT ?
                FOR UPDATE SKIP LOCKED""", (rs, n) -> new Cell(rs.getString(1), rs.getString(2), rs.getString(3),
                rs.getTimestamp(4).toInstant(), rs.getTimestamp(5).toInstant(), rs.getString(6), rs.getLong(7),
                rs.getLong(8), rs.getLong(9), rs.getLong(10), rs.getLong(11)), Timestamp.from(endedBy), limit);
        List<PendingWindow> windows = new ArrayList<>(cells.size());
        for (Cell cell : cells) {
            Map<String, Long> signals = new TreeMap<>();
            jdbc.query("""
                    SELECT code, count FROM delivery_signal_counter
                    WHERE tenant_id = ? AND ip = ? AND provider = ? AND window_start = ? AND count > 0""",
                    rs -> {
                        signals.put(rs.getString(1), rs.getLong(2));
                    }, cell.tenant, cell.ip, cell.provider, Timestamp.from(cell.start));
            DeliveryReport report = new DeliveryReport(SendingIp.of(cell.ip),
                    cell.vmta == null ? null : VirtualMtaName.of(cell.vmta), Provider.of(cell.provider), cell.start,
                    cell.end, cell.delivered, cell.hard, cell.soft, cell.deferred, cell.complaints, signals);
            windows.add(new PendingWindow(TenantId.of(cell.tenant), report));
        }
        return windows;
    }

    @Override
    public void markReported(List<PendingWindow> windows, Instant at) {
        if (windows.isEmpty()) {
            return;
        }
        List<Object[]> keys = windows.stream().map(w -> new Object[] {w.tenant().value(), w.report().ip().value(),
                w.report().provider().name(), Timestamp.from(w.report().windowStart())}).toList();
        jdbc.batchUpdate("""
                DELETE FROM delivery_signal_counter WHERE tenant_id = ? AND ip = ? AND provider = ? AND window_start = ?""",
                keys);
        List<Object[]> updates = new ArrayList<>(keys.size());
        Timestamp reported = Timestamp.from(at);
        keys.forEach(key -> updates.add(new Object[] {reported, key[0], key[1], key[2], key[3]}));
        jdbc.batchUpdate("""
                UPDATE delivery_counter SET delivered = 0, hard = 0, soft = 0, deferred = 0, complaints = 0,
                    pending = FALSE, reported_at = ?
                WHERE tenant_id = ? AND ip = ? AND provider = ? AND window_start = ?""", updates);
    }

    @Override
    public int forgetKeysBefore(Instant cutoff) {
        return jdbc.update("DELETE FROM ingested_record WHERE ingested_at < ?", Timestamp.from(cutoff));
    }

    @Override
    public void learnOrigins(Collection<MessageOrigin> origins, Instant at) {
        if (origins.isEmpty()) {
            return;
        }
        // One binary COPY per batch: a delivery costs one appended row here, not a statement.
        CopyRows rows = new CopyRows(origins.size() * 128);
        long micros = ChronoUnit.MICROS.between(POSTGRES_EPOCH, at);
        for (MessageOrigin origin : origins) {
            rows.row(6).int8(MessageIds.hash(origin.messageId())).text(origin.messageId()).text(origin.tenant().value())
                    .text(origin.ip().value()).text(origin.vmta() == null ? null : origin.vmta().value()).int8(micros);
        }
        jdbc.execute((ConnectionCallback<Long>) connection -> {
            try {
                return connection.unwrap(PGConnection.class).getCopyAPI().copyIn(
                        "COPY message_origin (message_hash, message_id, tenant_id, ip, vmta, learned_at) FROM STDIN (FORMAT binary)",
                        new ByteArrayInputStream(rows.finish()));
            } catch (IOException e) {
                throw new SQLException("COPY of message origins failed", e);
            }
        });
    }

    @Override
    public Map<String, MessageOrigin> originsOf(Collection<String> messageIds) {
        Map<String, MessageOrigin> origins = new HashMap<>();
        if (messageIds.isEmpty()) {
            return origins;
        }
        Long[] hashes = messageIds.stream().map(MessageIds::hash).toArray(Long[]::new);
        jdbc.query(connection -> {
            PreparedStatement statement = connection.prepareStatement("""
                    SELECT DISTINCT ON (message_id) message_id, tenant_id, ip, vmta FROM message_origin
                    WHERE message_hash = ANY (?) AND message_id = ANY (?)
                    ORDER BY message_id, learned_at DESC""");
            statement.setArray(1, connection.createArrayOf("bigint", hashes));
            statement.setArray(2, connection.createArrayOf("text", messageIds.toArray()));
            return statement;
        }, rs -> {
            String vmta = rs.getString(4);
            origins.put(rs.getString(1), new MessageOrigin(rs.getString(1), TenantId.of(rs.getString(2)),
                    SendingIp.of(rs.getString(3)), vmta == null ? null : VirtualMtaName.of(vmta)));
        });
        return origins;
    }

    @Override
    public int forgetOriginsBefore(Instant cutoff) {
        return jdbc.update("DELETE FROM message_origin WHERE learned_at < ?", Timestamp.from(cutoff));
    }

    /** Rows in PostgreSQL's binary COPY format: signature, flags, then per row the field count and each length-prefixed value. */
    private static final class CopyRows {
        private ByteBuffer out;

        CopyRows(int capacity) {
            out = ByteBuffer.allocate(Math.max(capacity, 64));
            out.put(COPY_SIGNATURE).putInt(0).putInt(0);
        }

        CopyRows row(int fields) {
            room(2);
            out.putShort((short) fields);
            return this;
        }

        CopyRows int8(long value) {
            room(12);
            out.putInt(8).putLong(value);
            return this;
        }

        CopyRows uuid(UUID value) {
            room(20);
            out.putInt(16).putLong(value.getMostSignificantBits()).putLong(value.getLeastSignificantBits());
            return this;
        }

        CopyRows text(String value) {
            if (value == null) {
                room(4);
                out.putInt(-1);
                return this;
            }
            byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
            room(4 + bytes.length);
            out.putInt(bytes.length).put(bytes);
            return this;
        }

        byte[] finish() {
            room(2);
            out.putShort((short) -1);
            return out.position() == out.capacity() ? out.array() : Arrays.copyOf(out.array(), out.position());
        }

        private void room(int bytes) {
            if (out.remaining() < bytes) {
                ByteBuffer bigger = ByteBuffer.allocate(Math.max(out.capacity() * 2, out.position() + bytes));
                out.flip();
                bigger.put(out);
                out = bigger;
            }
        }
    }

    private Map<String, String> fields(String json) {
        try {
            return mapper.readValue(json, new TypeReference<Map<String, String>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored record fields are not valid JSON", e);
        }
    }

    private String json(Map<String, String> fields) {
        try {
            return mapper.writeValueAsString(new TreeMap<>(fields));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise record fields", e);
        }
    }

    private record Cell(String tenant, String ip, String provider, Instant start, Instant end, String vmta,
                        long delivered, long hard, long soft, long deferred, long complaints) {
    }

}
