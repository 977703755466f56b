package io.emailengine.bounceingest.adapter.out;

import static io.emailengine.bounceingest.adapter.out.SqlArrays.array;
import static io.emailengine.bounceingest.adapter.out.SqlArrays.statement;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.emailengine.bounceingest.application.IngestChunk;
import io.emailengine.bounceingest.application.IngestStore;
import io.emailengine.bounceingest.application.IngestSummary;
import io.emailengine.bounceingest.application.MessageOrigin;
import io.emailengine.bounceingest.application.PendingWindow;
import io.emailengine.bounceingest.application.Unattributed;
import io.emailengine.bounceingest.domain.AccountingRecord;
import io.emailengine.bounceingest.domain.InterpretedRecord;
import io.emailengine.bounceingest.domain.RejectedLine;
import io.emailengine.bounceingest.domain.WindowCounts;
import io.emailengine.bounceingest.domain.WindowKey;
import io.emailengine.events.DeliveryReport;
import io.emailengine.events.types.Provider;
import io.emailengine.events.types.SendingIp;
import io.emailengine.events.types.TenantId;
import io.emailengine.events.types.VirtualMtaName;
import io.emailengine.kit.jdbc.BinaryCopy;
import java.nio.ByteBuffer;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.PreparedStatementCreator;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

@Repository
class JdbcIngestStore implements IngestStore {

    private static final int KEY_BYTES = 16;
    /** First key of the advisory locks a batch takes on its lanes (the second is the lane's hash). */
    private static final int LANE_LOCKS = 0x4c616e65;
    /** The order counter cells are written (and their rows locked) in. */
    private static final Comparator<WindowKey> CELL_ORDER = Comparator.comparing((WindowKey key) -> key.tenant().value())
            .thenComparing(key -> key.ip().value()).thenComparing(key -> key.provider().name())
            .thenComparing(key -> key.windowStart());

    /**
     * The remembered keys of each lane in the batch's key range of that lane (parameters: lanes, low
     * and high keys, one per lane). One index probe per lane: the subquery is kept apart
     * ({@code OFFSET 0}) because, joined like a table, the planner hashes the whole of
     * {@code ingest_chunk} for every batch — a read growing with every chunk of the retention.
     */
    static final String REMEMBERED_KEYS = """
            SELECT b.lane, c.record_keys
            FROM unnest(?, ?, ?) AS b(lane, low, high)
            CROSS JOIN LATERAL (
                SELECT record_keys FROM ingest_chunk c
                WHERE c.lane = b.lane AND c.last_key >= b.low AND c.first_key <= b.high
                OFFSET 0) c""";

    /** Records kept aside for an IP, or naming no IP, for its vmta (parameters: ip, vmta); each side has an index. */
    static final String TAKE_UNATTRIBUTED = """
            DELETE FROM unattributed_record WHERE ip = ? OR (ip IS NULL AND vmta = ?)
            RETURNING line_no, fields""";

    /** Deletes the chunks remembered before a time (parameter), through the B-tree on ingested_at. */
    static final String FORGET_KEYS = "DELETE FROM ingest_chunk WHERE ingested_at < ?";

    private final JdbcTemplate jdbc;
    private final ObjectMapper mapper;
    private final MessageOriginMap origins;

    JdbcIngestStore(JdbcTemplate jdbc, ObjectMapper mapper, TransactionTemplate tx) {
        this.jdbc = jdbc;
        this.mapper = mapper;
        this.origins = new MessageOriginMap(jdbc, tx);
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

    @Override
    public Set<UUID> claimRemembered(Map<String, List<UUID>> keysByLane) {
        if (keysByLane.isEmpty()) {
            return Set.of();
        }
        // 1. Lock the lanes (ascending, so two batches sharing lanes cannot deadlock) until commit.
        //    A separate statement: the read below must see what a batch holding a lock committed.
        Integer[] locks = keysByLane.keySet().stream().map(String::hashCode).distinct().sorted().toArray(Integer[]::new);
        jdbc.query(connection -> {
            PreparedStatement statement = connection.prepareStatement(
                    "SELECT pg_advisory_xact_lock(?, l) FROM unnest(?) WITH ORDINALITY AS u(l, n) ORDER BY n");
            statement.setInt(1, LANE_LOCKS);
            statement.setArray(2, connection.createArrayOf("int4", locks));
            return statement;
        }, rs -> { });
        // 2. The remembered keys of those lanes in the batch's key range of each lane.
        String[] lanes = keysByLane.keySet().toArray(String[]::new);
        UUID[] low = new UUID[lanes.length];
        UUID[] high = new UUID[lanes.length];
        for (int i = 0; i < lanes.length; i++) {
            for (UUID key : keysByLane.get(lanes[i])) {
                if (low[i] == null || IngestChunk.compare(key, low[i]) < 0) {
                    low[i] = key;
                }
                if (high[i] == null || IngestChunk.compare(key, high[i]) > 0) {
                    high[i] = key;
                }
            }
        }
        Map<String, List<ByteBuffer>> remembered = new HashMap<>();
        jdbc.query(statement(REMEMBERED_KEYS, array("varchar", lanes), array("uuid", low), array("uuid", high)), rs -> {
            remembered.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(ByteBuffer.wrap(rs.getBytes(2)));
        });
        // 3. Remembered: found in one of them (each key has one lane).
        Set<UUID> known = new HashSet<>();
        keysByLane.forEach((lane, keys) -> {
            List<ByteBuffer> runs = remembered.get(lane);
            if (runs != null) {
                for (UUID key : keys) {
                    if (contains(runs, key)) {
                        known.add(key);
                    }
                }
            }
        });
        return known;
    }

    /** Binary search in each sorted run of 16-byte keys. */
    private static boolean contains(List<ByteBuffer> runs, UUID key) {
        long msb = key.getMostSignificantBits();
        long lsb = key.getLeastSignificantBits();
        for (ByteBuffer run : runs) {
            int lo = 0;
            int hi = run.capacity() / KEY_BYTES - 1;
            while (lo <= hi) {
                int mid = (lo + hi) >>> 1;
                int at = mid * KEY_BYTES;
                int order = Long.compareUnsigned(run.getLong(at), msb);
                if (order == 0) {
                    order = Long.compareUnsigned(run.getLong(at + 8), lsb);
                }
                if (order == 0) {
                    return true;
                }
                if (order < 0) {
                    lo = mid + 1;
                } else {
                    hi = mid - 1;
                }
            }
        }
        return false;
    }

    @Override
    public void remember(Collection<IngestChunk> chunks, Instant at) {
        if (chunks.isEmpty()) {
            return;
        }
        // One binary COPY per batch: a record costs 16 bytes in a row of its lane.
        BinaryCopy rows = new BinaryCopy(4096);
        for (IngestChunk chunk : chunks) {
            UUID[] keys = chunk.keys();
            ByteBuffer packed = ByteBuffer.allocate(keys.length * KEY_BYTES);
            for (UUID key : keys) {
                packed.putLong(key.getMostSignificantBits()).putLong(key.getLeastSignificantBits());
            }
            rows.row(8).text(chunk.lane()).uuid(keys[0]).uuid(keys[keys.length - 1]).bytes(packed.array())
                    .text(chunk.tenant() == null ? null : chunk.tenant().value())
                    .text(chunk.ip() == null ? null : chunk.ip().value())
                    .text(chunk.vmta() == null ? null : chunk.vmta().value())
                    .timestamp(at);
        }
        rows.copyIn(jdbc, """
                COPY ingest_chunk (lane, first_key, last_key, record_keys, tenant_id, ip, vmta, ingested_at)
                FROM STDIN (FORMAT binary)""");
        // And what their Message-IDs taught, as one sorted run of the Message-ID map.
        origins.remember(chunks, at);
    }

    @Override
    public void addCounts(Map<WindowKey, WindowCounts> counts, Map<WindowKey, VirtualMtaName> vmtas, Duration window) {
        // In key order, so two batches adding to the same cells lock their rows in the same order.
        List<WindowKey> keys = new ArrayList<>(counts.keySet());
        keys.sort(CELL_ORDER);
        int n = keys.size();
        String[] tenants = new String[n];
        String[] ips = new String[n];
        String[] providers = new String[n];
        Long[] starts = new Long[n];
        String[] vmtaNames = new String[n];
        Long[][] values = new Long[5][n];
        List<SignalCount> signals = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            WindowKey key = keys.get(i);
            WindowCounts count = counts.get(key);
            VirtualMtaName vmta = vmtas.get(key);
            tenants[i] = key.tenant().value();
            ips[i] = key.ip().value();
            providers[i] = key.provider().name();
            starts[i] = key.windowStart().toEpochMilli();
            vmtaNames[i] = vmta == null ? null : vmta.value();
            values[0][i] = count.delivered();
            values[1][i] = count.hard();
            values[2][i] = count.soft();
            values[3][i] = count.deferred();
            values[4][i] = count.complaints();
            new TreeMap<>(count.signals()).forEach((code, k) -> signals.add(new SignalCount(key, code, k)));
        }
        // One statement for all the batch's cells, and one for their signals (rather than one per
        // cell): a batch touches IPs x providers x windows cells, about a hundred.
        jdbc.update(connection -> {
            PreparedStatement statement = connection.prepareStatement("""
                    INSERT INTO delivery_counter (tenant_id, ip, provider, window_start, window_end, vmta,
                                                  delivered, hard, soft, deferred, complaints, pending)
                    SELECT t, i, p, timestamptz 'epoch' + s * interval '1 millisecond',
                           timestamptz 'epoch' + (s + ?) * interval '1 millisecond', v, d, h, so, df, c, TRUE
                    FROM unnest(?::varchar[], ?::varchar[], ?::varchar[], ?::int8[], ?::varchar[],
                                ?::int8[], ?::int8[], ?::int8[], ?::int8[], ?::int8[])
                         WITH ORDINALITY AS u(t, i, p, s, v, d, h, so, df, c, n)
                    ORDER BY n
                    ON CONFLICT (tenant_id, ip, provider, window_start) DO UPDATE SET
                        vmta = COALESCE(excluded.vmta, delivery_counter.vmta),
                        delivered = delivery_counter.delivered + excluded.delivered,
                        hard = delivery_counter.hard + excluded.hard,
                        soft = delivery_counter.soft + excluded.soft,
                        deferred = delivery_counter.deferred + excluded.deferred,
                        complaints = delivery_counter.complaints + excluded.complaints,
                        pending = TRUE""");
            statement.setLong(1, window.toMillis());
            statement.setArray(2, connection.createArrayOf("varchar", tenants));
            statement.setArray(3, connection.createArrayOf("varchar", ips));
            statement.setArray(4, connection.createArrayOf("varchar", providers));
            statement.setArray(5, connection.createArrayOf("int8", starts));
            statement.setArray(6, connection.createArrayOf("varchar", vmtaNames));
            for (int k = 0; k < values.length; k++) {
                statement.setArray(7 + k, connection.createArrayOf("int8", values[k]));
            }
            return statement;
        });
        if (!signals.isEmpty()) {
            int m = signals.size();
            String[][] columns = new String[4][m];
            Long[] signalStarts = new Long[m];
            Long[] signalCounts = new Long[m];
            for (int i = 0; i < m; i++) {
                SignalCount signal = signals.get(i);
                columns[0][i] = signal.cell().tenant().value();
                columns[1][i] = signal.cell().ip().value();
                columns[2][i] = signal.cell().provider().name();
                columns[3][i] = signal.code();
                signalStarts[i] = signal.cell().windowStart().toEpochMilli();
                signalCounts[i] = signal.count();
            }
            jdbc.update(connection -> {
                PreparedStatement statement = connection.prepareStatement("""
                        INSERT INTO delivery_signal_counter (tenant_id, ip, provider, window_start, code, count)
                        SELECT t, i, p, timestamptz 'epoch' + s * interval '1 millisecond', code, k
                        FROM unnest(?::varchar[], ?::varchar[], ?::varchar[], ?::int8[], ?::varchar[], ?::int8[])
                             WITH ORDINALITY AS u(t, i, p, s, code, k, n)
                        ORDER BY n
                        ON CONFLICT (tenant_id, ip, provider, window_start, code) DO UPDATE SET
                            count = delivery_signal_counter.count + excluded.count""");
                statement.setArray(1, connection.createArrayOf("varchar", columns[0]));
                statement.setArray(2, connection.createArrayOf("varchar", columns[1]));
                statement.setArray(3, connection.createArrayOf("varchar", columns[2]));
                statement.setArray(4, connection.createArrayOf("int8", signalStarts));
                statement.setArray(5, connection.createArrayOf("varchar", columns[3]));
                statement.setArray(6, connection.createArrayOf("int8", signalCounts));
                return statement;
            });
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
        return jdbc.query(TAKE_UNATTRIBUTED, (rs, n) -> new AccountingRecord(rs.getLong(1), fields(rs.getString(2))), ip, vmta);
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
        // The signals of all these cells in one statement, and all of them deleted in one statement
        // per table once reported (not one round trip per cell: a backlog holds tens of thousands).
        Map<CellKey, Map<String, Long>> signals = new HashMap<>();
        if (!cells.isEmpty()) {
            jdbc.query(cellStatement("""
                    SELECT s.tenant_id, s.ip, s.provider, s.window_start, s.code, s.count
                    FROM unnest(?::varchar[], ?::varchar[], ?::varchar[], ?::int8[]) AS c(t, i, p, w)
                    CROSS JOIN LATERAL (
                        SELECT tenant_id, ip, provider, window_start, code, count FROM delivery_signal_counter s
                        WHERE s.tenant_id = c.t AND s.ip = c.i AND s.provider = c.p
                          AND s.window_start = timestamptz 'epoch' + c.w * interval '1 millisecond' AND s.count > 0
                        OFFSET 0) s""", cells.stream().map(Cell::key).toList()), rs -> {
                CellKey cell = new CellKey(rs.getString(1), rs.getString(2), rs.getString(3), rs.getTimestamp(4).toInstant());
                signals.computeIfAbsent(cell, k -> new TreeMap<>()).put(rs.getString(5), rs.getLong(6));
            });
        }
        List<PendingWindow> windows = new ArrayList<>(cells.size());
        for (Cell cell : cells) {
            DeliveryReport report = new DeliveryReport(SendingIp.of(cell.ip),
                    cell.vmta == null ? null : VirtualMtaName.of(cell.vmta), Provider.of(cell.provider), cell.start,
                    cell.end, cell.delivered, cell.hard, cell.soft, cell.deferred, cell.complaints,
                    signals.getOrDefault(cell.key(), Map.of()));
            windows.add(new PendingWindow(TenantId.of(cell.tenant), report));
        }
        return windows;
    }

    @Override
    public void markReported(List<PendingWindow> windows) {
        if (windows.isEmpty()) {
            return;
        }
        List<CellKey> keys = windows.stream().map(w -> new CellKey(w.tenant().value(), w.report().ip().value(),
                w.report().provider().name(), w.report().windowStart())).toList();
        jdbc.update(cellStatement("""
                DELETE FROM delivery_signal_counter s
                USING unnest(?::varchar[], ?::varchar[], ?::varchar[], ?::int8[]) AS c(t, i, p, w)
                WHERE s.tenant_id = c.t AND s.ip = c.i AND s.provider = c.p
                  AND s.window_start = timestamptz 'epoch' + c.w * interval '1 millisecond'""", keys));
        jdbc.update(cellStatement("""
                DELETE FROM delivery_counter d
                USING unnest(?::varchar[], ?::varchar[], ?::varchar[], ?::int8[]) AS c(t, i, p, w)
                WHERE d.tenant_id = c.t AND d.ip = c.i AND d.provider = c.p
                  AND d.window_start = timestamptz 'epoch' + c.w * interval '1 millisecond'""", keys));
    }

    /** A statement whose four array parameters are the cells' tenants, IPs, providers and window starts. */
    private static PreparedStatementCreator cellStatement(String sql, List<CellKey> cells) {
        int n = cells.size();
        String[] tenants = new String[n];
        String[] ips = new String[n];
        String[] providers = new String[n];
        Long[] starts = new Long[n];
        for (int k = 0; k < n; k++) {
            CellKey cell = cells.get(k);
            tenants[k] = cell.tenant();
            ips[k] = cell.ip();
            providers[k] = cell.provider();
            starts[k] = cell.start().toEpochMilli();
        }
        return statement(sql, array("varchar", tenants), array("varchar", ips), array("varchar", providers), array("int8", starts));
    }

    @Override
    public int forgetKeysBefore(Instant cutoff) {
        return jdbc.update(FORGET_KEYS, Timestamp.from(cutoff));
    }

    @Override
    public Map<Long, MessageOrigin> originsOf(Collection<Long> messageHashes) {
        Map<Long, MessageOrigin> found = new HashMap<>();
        origins.lookup(messageHashes).forEach((hash, sender) -> found.put(hash, new MessageOrigin(TenantId.of(sender.tenant()),
                SendingIp.of(sender.ip()), sender.vmta().isEmpty() ? null : VirtualMtaName.of(sender.vmta()))));
        return found;
    }

    @Override
    public long forgetOriginsBefore(Instant cutoff) {
        return origins.forgetBefore(cutoff);
    }

    @Override
    public long compactMessageOrigins(Duration longestRun) {
        return origins.compact(longestRun);
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

    /** How often a provider signal was seen in a counter cell. */
    private record SignalCount(WindowKey cell, String code, long count) {
    }

    private record Cell(String tenant, String ip, String provider, Instant start, Instant end, String vmta,
                        long delivered, long hard, long soft, long deferred, long complaints) {
        CellKey key() {
            return new CellKey(tenant, ip, provider, start);
        }
    }

    /** Which counter cell: tenant, IP, provider and window start (the primary key of delivery_counter). */
    private record CellKey(String tenant, String ip, String provider, Instant start) {
    }

}
