package io.emailengine.kit.outbox;

import io.emailengine.kit.config.EmailEngineProperties;
import io.emailengine.kit.jdbc.ChunkedPurge;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Relays committed outbox rows to Kafka in id order.
 *
 * <p>Only one relay of a service works at a time (a PostgreSQL advisory lock), so events keep
 * their commit order per key even with several replicas. A batch is sent asynchronously and then
 * awaited; rows are marked published up to the first failure, and the rest is retried on the next
 * round, so a row is never skipped. A crash between commit and publish leaves the row unpublished
 * and the next relay sends it: delivery is at least once, and consumers are idempotent.
 *
 * <p>Relayed rows are deleted after the retention by {@link #purgePublished()}, which the kit's
 * housekeeping runs on a thread of its own, so a long purge never holds events back.
 *
 * <p>Rows of {@code outbox_event_batch} hold many events each ({@link OutboxPublisher#publishAllPacked});
 * their ids come from the same sequence as {@code outbox_event}'s, and a round reads both tables in
 * one id order, sending a batch row's events in their order where the row stands. A batch row is
 * marked (or deleted) once Kafka has acknowledged all its events. A batch row that cannot be decoded
 * (only a bug or a hand edit makes one) is moved to {@code outbox_event_parked} when the round reaches
 * it, so it does not hold back the events committed after it; a row of a later release's format (a
 * rolling deployment) is not corrupt: the relay stops before it and leaves it to that release.
 */
public class OutboxRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    /** Arbitrary but fixed: identifies the relay's advisory lock inside the service's own database. */
    private static final long RELAY_LOCK = 0x456d61696c52656cL;
    /**
     * One chunk of the purge (see {@link ChunkedPurge}): the oldest relayed events, through the partial
     * index {@code outbox_event_published}. Pending events have no {@code published_at}: they are in
     * neither that index nor any range.
     */
    static final String PURGE_STATEMENT = ChunkedPurge.chunkStatement("outbox_event", "published_at");
    /** The same for rows of many events, through {@code outbox_event_batch_published}. */
    static final String PURGE_BATCHES_STATEMENT = ChunkedPurge.chunkStatement("outbox_event_batch", "published_at");

    /**
     * The pending rows after an id (parameters: that id twice, how many rows), oldest first, of both
     * tables, through their partial indexes {@code outbox_event_unpublished} and
     * {@code outbox_event_batch_unpublished} (merged in id order). A relayed event leaves a dead entry
     * at an index's start until the table is vacuumed, and a scan from the start walks all of them; a
     * round reads from the last event it sent instead (a busy service relayed tens of thousands an hour
     * after the last vacuum, for every round). A row of one event has its columns, a batch row only
     * {@code events} and {@code event_count}.
     */
    static final String PENDING = """
            SELECT id, event_id, topic, message_key, payload, NULL::bytea AS events, 1 AS event_count FROM outbox_event
            WHERE published_at IS NULL AND id > ?
            UNION ALL
            SELECT id, NULL, NULL, NULL, NULL, events, event_count FROM outbox_event_batch
            WHERE published_at IS NULL AND id > ?
            ORDER BY id LIMIT ?""";
    /** Rows fetched at a time: a round stops reading once it holds a batch of events. */
    private static final int PENDING_FETCH_ROWS = 64;
    /** Marks relayed events (parameters: when, their ids), kept until the retention. */
    static final String MARK_PUBLISHED = "UPDATE outbox_event SET published_at = ? WHERE id = ANY (?)";
    /**
     * Deletes relayed events (parameter: their ids) when the retention is zero. Cheaper than marking
     * them: an update writes the whole row again, with a new entry in each of the table's indexes
     * (published_at is in the partial indexes' predicates, so it is never a HOT update), and the
     * table then holds a week of events, more than its share of the database's buffers in a service
     * that publishes tens of thousands an hour. A delete leaves the row to vacuum.
     */
    static final String DELETE_RELAYED = "DELETE FROM outbox_event WHERE id = ANY (?)";
    static final String MARK_BATCHES_PUBLISHED = "UPDATE outbox_event_batch SET published_at = ? WHERE id = ANY (?)";
    static final String DELETE_RELAYED_BATCHES = "DELETE FROM outbox_event_batch WHERE id = ANY (?)";
    /**
     * Copies a batch row that cannot be decoded aside (parameters: the reason, when, its id); see
     * {@link #park}. A row parked before under the same id (put back by hand, say) is replaced.
     */
    static final String PARK = """
            INSERT INTO outbox_event_parked (id, events, event_count, created_at, attempts, reason, parked_at)
            SELECT id, events, event_count, created_at, attempts, ?, ? FROM outbox_event_batch WHERE id = ?
            ON CONFLICT (id) DO UPDATE SET events = EXCLUDED.events, event_count = EXCLUDED.event_count,
                created_at = EXCLUDED.created_at, attempts = EXCLUDED.attempts, reason = EXCLUDED.reason,
                parked_at = EXCLUDED.parked_at""";
    static final String DELETE_PARKED = "DELETE FROM outbox_event_batch WHERE id = ?";

    /**
     * How often a busy relay reads from the start all the same. Ids are drawn when an event is
     * written, not when it commits: a transaction that commits after one that drew a later id leaves
     * its events behind the last one sent. They are found by the next round that reads from the start:
     * the first round, every round after one that found nothing, and a round at least this long after
     * the last such one.
     */
    static final Duration FROM_START_EVERY = Duration.ofSeconds(1);
    /** How long {@link #stop()} lets a round in progress finish before interrupting it. */
    static final Duration STOP_GRACE = Duration.ofSeconds(1);

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final KafkaTemplate<String, byte[]> kafka;
    private final EmailEngineProperties.Outbox settings;
    private final Clock clock;
    private final Counter published;
    private final Counter failures;
    private final Counter parked;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wake = lock.newCondition();
    /** The id of the last event sent, and when a round last read from the start (written after a round commits). */
    private volatile long relayedUpTo;
    private volatile long lastScanFromStart;
    private volatile boolean lastRoundEmpty;
    private volatile boolean wakeRequested;
    /** The row of a later release the relay last said it stops before (said once per row, not every round). */
    private volatile long newerRowWarned;
    private volatile boolean running;
    private Thread worker;

    public OutboxRelay(JdbcTemplate jdbc, TransactionTemplate tx, KafkaTemplate<String, byte[]> kafka,
                       EmailEngineProperties.Outbox settings, Clock clock, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.kafka = kafka;
        this.settings = settings;
        this.clock = clock;
        this.published = Counter.builder("email_engine_outbox_published").description("Outbox events relayed to Kafka").register(meters);
        this.failures = Counter.builder("email_engine_outbox_publish_failures").description("Failed attempts to relay an outbox event").register(meters);
        this.parked = Counter.builder("email_engine_outbox_parked")
                .description("Outbox rows that could not be read, moved to outbox_event_parked unrelayed").register(meters);
        Gauge.builder("email_engine_outbox_pending_events", this, OutboxRelay::pendingEvents)
                .description("Outbox events committed but not yet relayed").register(meters);
        Gauge.builder("email_engine_outbox_lag_seconds", this, OutboxRelay::lagSeconds)
                .description("Age of the oldest outbox event not yet relayed (0 when none)").register(meters);
    }

    /**
     * Sends a batch of pending events (those after the last one sent, or from the start: see
     * {@link #FROM_START_EVERY}); returns the number of events relayed. Safe to call concurrently.
     */
    public int relayPending() {
        long now = System.nanoTime();
        boolean fromStart = relayedUpTo == 0 || lastRoundEmpty || now - lastScanFromStart >= FROM_START_EVERY.toNanos();
        Round round = tx.execute(status -> {
            Boolean leader = jdbc.queryForObject("SELECT pg_try_advisory_xact_lock(?)", Boolean.class, RELAY_LOCK);
            if (!Boolean.TRUE.equals(leader)) {
                return null;
            }
            List<PendingRow> rows = pending(fromStart ? 0L : relayedUpTo);
            int sentRows = send(rows);
            List<PendingRow> done = rows.subList(0, sentRows);
            int sent = done.stream().mapToInt(row -> row.events().size()).sum();
            return new Round(rows.isEmpty(), sent, sentRows == 0 ? 0 : rows.get(sentRows - 1).id(),
                    done.stream().filter(row -> row.corrupt() != null).toList());
        });
        if (round == null) {
            return 0;
        }
        // Said once the round committed: a round rolled back and tried again parks the row once.
        for (PendingRow row : round.parked()) {
            parked.increment();
            log.error("Outbox row {} of outbox_event_batch cannot be read and was moved to outbox_event_parked; its events"
                    + " were not relayed: {}", row.id(), row.corrupt());
        }
        // Once committed: events marked published are behind the next round's starting point.
        if (fromStart) {
            lastScanFromStart = now;
        }
        lastRoundEmpty = round.empty();
        relayedUpTo = Math.max(relayedUpTo, round.lastSent());
        return round.sent();
    }

    /**
     * The pending rows after an id, oldest first, until they hold a batch of events: at most
     * {@code batchSize} rows, and none after the one that brings the events to {@code batchSize} (a
     * batch row is read whole, so a round holds at least one row). Rows are fetched a few at a time.
     */
    private List<PendingRow> pending(long after) {
        int limit = settings.batchSize();
        return jdbc.query(connection -> {
            PreparedStatement statement = connection.prepareStatement(PENDING);
            statement.setFetchSize(PENDING_FETCH_ROWS);
            statement.setLong(1, after);
            statement.setLong(2, after);
            statement.setInt(3, limit);
            return statement;
        }, rs -> {
            List<PendingRow> rows = new ArrayList<>();
            int events = 0;
            while (events < limit && rs.next()) {
                long id = rs.getLong(1);
                byte[] batch = rs.getBytes(6);
                if (batch == null) {
                    // A text column's bytes as the driver received them: the UTF-8 JSON, not decoded and encoded again.
                    rows.add(new PendingRow(id, false, List.of(new OutboxBatch.Event(rs.getObject(2, UUID.class), rs.getString(3),
                            rs.getString(4), rs.getBytes(5))), null));
                    events++;
                    continue;
                }
                try {
                    PendingRow row = new PendingRow(id, true, OutboxBatch.decode(id, batch), null);
                    rows.add(row);
                    events += row.events().size();
                } catch (OutboxBatch.NewerVersionException newer) {
                    // Left for a replica of the release that wrote it; this one relays what comes before it.
                    if (newerRowWarned != id) {
                        newerRowWarned = id;
                        log.warn("Outbox relay stops before row {} until a later release relays it: {}", id, newer.getMessage());
                    }
                    break;
                } catch (RuntimeException corrupt) {
                    // Its events cannot be read, now or ever: set aside (see send), not retried forever
                    // in front of every event committed after it.
                    rows.add(new PendingRow(id, true, List.of(), corrupt.getMessage()));
                    break;
                }
            }
            return rows;
        });
    }

    /** Sends the rows' events; returns how many rows (a prefix) Kafka acknowledged entirely, now marked or deleted. */
    private int send(List<PendingRow> rows) {
        List<CompletableFuture<?>> acks = new ArrayList<>();
        for (PendingRow row : rows) {
            for (OutboxBatch.Event event : row.events()) {
                ProducerRecord<String, byte[]> record = new ProducerRecord<>(event.topic(), event.key(), event.payload());
                record.headers().add("eventId", event.eventId().toString().getBytes(StandardCharsets.UTF_8));
                acks.add(kafka.send(record));
            }
        }
        kafka.flush();
        int done = 0;
        int ack = 0;
        rows:
        for (PendingRow row : rows) {
            if (row.corrupt() != null) {
                park(row);
                done++;
                continue;
            }
            for (OutboxBatch.Event event : row.events()) {
                try {
                    acks.get(ack++).get(settings.sendTimeout().toMillis(), TimeUnit.MILLISECONDS);
                } catch (Exception e) {
                    if (e instanceof InterruptedException) {
                        Thread.currentThread().interrupt();
                    }
                    failures.increment();
                    String reason = e.getCause() != null ? e.getCause().toString() : e.toString();
                    jdbc.update("UPDATE " + row.table() + " SET attempts = attempts + 1, last_error = ? WHERE id = ?", reason, row.id());
                    log.warn("Outbox event {} to {} not relayed yet, will retry: {}", event.eventId(), event.topic(), reason);
                    break rows;
                }
            }
            done++;
        }
        // The acknowledged prefix is marked (or deleted) in one statement per table, not one round trip per event.
        List<PendingRow> sent = rows.subList(0, done);
        Long[] ids = sent.stream().filter(row -> !row.batch()).map(PendingRow::id).toArray(Long[]::new);
        Long[] batchIds = sent.stream().filter(row -> row.batch() && row.corrupt() == null).map(PendingRow::id).toArray(Long[]::new);
        if (settings.keepsRelayed()) {
            Timestamp now = Timestamp.from(clock.instant());
            finish(MARK_PUBLISHED, now, ids);
            finish(MARK_BATCHES_PUBLISHED, now, batchIds);
        } else {
            finish(DELETE_RELAYED, null, ids);
            finish(DELETE_RELAYED_BATCHES, null, batchIds);
        }
        published.increment(sent.stream().mapToInt(row -> row.events().size()).sum());
        return done;
    }

    /**
     * Moves a batch row whose events cannot be decoded to {@code outbox_event_parked}, as it is, with
     * the reason: the events after it are relayed, and the bytes are kept for whoever investigates.
     * Only a bug or a hand-edited row gets here; the relay says so loudly (error log, parked counter).
     */
    private void park(PendingRow row) {
        jdbc.update(PARK, row.corrupt(), Timestamp.from(clock.instant()), row.id());
        jdbc.update(DELETE_PARKED, row.id());
    }

    /** Marks as published at {@code now}, or deletes (no {@code now}), the rows with these ids, if any. */
    private void finish(String sql, Timestamp now, Long[] ids) {
        if (ids.length == 0) {
            return;
        }
        jdbc.update(connection -> {
            PreparedStatement statement = connection.prepareStatement(sql);
            int next = 1;
            if (now != null) {
                statement.setTimestamp(next++, now);
            }
            statement.setArray(next, connection.createArrayOf("bigint", ids));
            return statement;
        });
    }

    /** Deletes relayed events older than the retention, in chunks; pending ones are never deleted. */
    public int purgePublished() {
        Instant cutoff = clock.instant().minus(settings.retention());
        return ChunkedPurge.deleteOlderThan(jdbc, PURGE_STATEMENT, cutoff)
                + ChunkedPurge.deleteOlderThan(jdbc, PURGE_BATCHES_STATEMENT, cutoff);
    }

    void wakeUp() {
        lock.lock();
        try {
            wakeRequested = true;
            wake.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private double pendingEvents() {
        try {
            Long count = jdbc.queryForObject("""
                    SELECT (SELECT count(*) FROM outbox_event WHERE published_at IS NULL)
                         + (SELECT coalesce(sum(event_count), 0) FROM outbox_event_batch WHERE published_at IS NULL)""", Long.class);
            return count == null ? 0 : count;
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }

    private double lagSeconds() {
        try {
            Timestamp oldest = jdbc.queryForObject("""
                    SELECT least((SELECT min(created_at) FROM outbox_event WHERE published_at IS NULL),
                                 (SELECT min(created_at) FROM outbox_event_batch WHERE published_at IS NULL))""", Timestamp.class);
            return oldest == null ? 0 : Math.max(0, Duration.between(oldest.toInstant(), clock.instant()).toMillis() / 1000.0);
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }

    private void loop() {
        while (running) {
            try {
                int sent = relayPending();
                if (sent >= settings.batchSize()) {
                    continue;
                }
            } catch (RuntimeException e) {
                log.warn("Outbox relay round failed, retrying: {}", e.toString());
            }
            awaitWakeUp();
        }
    }

    private void awaitWakeUp() {
        lock.lock();
        try {
            if (!wakeRequested && running) {
                wake.await(settings.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
            }
            wakeRequested = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void start() {
        if (!settings.relayEnabled() || running) {
            return;
        }
        running = true;
        worker = new Thread(this::loop, "outbox-relay");
        worker.setDaemon(true);
        worker.start();
    }

    /**
     * Lets a round in progress finish for a moment, then interrupts it: a round waiting for a database
     * connection (the database shutting down as well) would otherwise hold the shutdown for the pool's
     * connection timeout. An interrupted round loses nothing: what it did not mark stays pending.
     */
    @Override
    public void stop() {
        running = false;
        wakeUp();
        if (worker != null) {
            try {
                worker.join(STOP_GRACE.toMillis());
                if (worker.isAlive()) {
                    worker.interrupt();
                    worker.join(settings.sendTimeout().toMillis());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** What a round found and sent: the events up to {@code lastSent} (0 when none) were acknowledged. */
    private record Round(boolean empty, int sent, long lastSent, List<PendingRow> parked) {
    }

    /**
     * A pending row: one event of {@code outbox_event}, or the events of an {@code outbox_event_batch} row.
     *
     * @param corrupt why a batch row's events cannot be decoded (then it has none); null for a readable row
     */
    private record PendingRow(long id, boolean batch, List<OutboxBatch.Event> events, String corrupt) {
        String table() {
            return batch ? "outbox_event_batch" : "outbox_event";
        }
    }
}
