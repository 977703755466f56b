package io.emailengine.bounceingest.application.pull;

import io.emailengine.bounceingest.application.AccountingIngestion;
import io.emailengine.bounceingest.application.IngestSummary;
import io.emailengine.bounceingest.application.parse.AccountingCsvReader;
import io.emailengine.bounceingest.application.parse.NotAccountingDataException;
import io.emailengine.bounceingest.domain.RecordBoundaries;
import io.emailengine.bounceingest.domain.RejectedLine;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Use case: pull the accounting files of one PowerMTA host. Reads each file from its checkpoint,
 * only up to the last complete record, in bounded chunks; every chunk's records and the advanced
 * checkpoint commit in one transaction. A crash in between re-reads at most one chunk, whose records
 * are then recognised as duplicates by their keys, so nothing is lost or counted twice.
 */
public class AccountingPull {

    public static final String LAG = "email_engine_bounce_ingest_sftp_pull_lag_seconds";
    public static final String PENDING = "email_engine_bounce_ingest_sftp_pending_bytes";

    private static final Logger log = LoggerFactory.getLogger(AccountingPull.class);
    /** Bytes read at a time for a fingerprint, until its two lines are complete. */
    private static final int FINGERPRINT_STEP = 4096;

    private final RemoteAccountingFiles files;
    private final PullCheckpointStore checkpoints;
    private final AccountingIngestion ingestion;
    private final AccountingCsvReader csv;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final MeterRegistry registry;
    private final int chunkBytes;
    private final int fingerprintBytes;
    private final Map<String, AtomicLong> lagSeconds = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> pendingBytes = new ConcurrentHashMap<>();

    public AccountingPull(RemoteAccountingFiles files, PullCheckpointStore checkpoints, AccountingIngestion ingestion,
                          AccountingCsvReader csv, TransactionTemplate tx, Clock clock, MeterRegistry registry, int chunkBytes, int maxLineChars) {
        this.files = files;
        this.checkpoints = checkpoints;
        this.ingestion = ingestion;
        this.csv = csv;
        this.tx = tx;
        this.clock = clock;
        this.registry = registry;
        this.chunkBytes = chunkBytes;
        this.fingerprintBytes = 2 * maxLineChars + 2;
    }

    /** What one pull did. */
    public record PullResult(int filesRead, long accepted, long duplicates, long rejected) {
    }

    public PullResult pull(String host) throws IOException {
        int filesRead = 0;
        long accepted = 0;
        long duplicates = 0;
        long rejected = 0;
        long pending = 0;
        Instant oldestUnread = null;
        try (RemoteAccountingFiles.Connection connection = files.connect(host)) {
            List<RemoteAccountingFiles.RemoteFile> listing = connection.list().stream()
                    .sorted(Comparator.comparing(RemoteAccountingFiles.RemoteFile::modifiedAt)
                            .thenComparing(RemoteAccountingFiles.RemoteFile::name))
                    .toList();
            for (RemoteAccountingFiles.RemoteFile file : listing) {
                if (checkpoints.fullyRead(host, file.name(), file.size())) {
                    continue;
                }
                String fileId = fingerprint(connection, file);
                if (fileId == null) {
                    continue;
                }
                PullCheckpoint checkpoint = checkpoints.find(host, fileId)
                        .orElse(PullCheckpoint.start(host, fileId, file.name(), file.size()))
                        .seen(file.name(), file.size());
                if (checkpoint.offset() >= file.size()) {
                    PullCheckpoint renamed = checkpoint;
                    tx.executeWithoutResult(status -> checkpoints.save(renamed));
                    continue;
                }
                IngestSummary summary;
                try (InputStream in = connection.read(file.name(), checkpoint.offset())) {
                    // Opened by name after the fingerprint was taken: a rotation in between (the live file
                    // renamed, a new one created under its name) would have this read the new file from the
                    // old one's offset, and save what it read as the old file's progress — losing the old
                    // file's rest. A name never comes back to a file it left, so if the name still leads to
                    // the fingerprinted file now, the stream opened before is that file's.
                    if (!fileId.equals(fingerprint(connection, file))) {
                        log.info("Accounting file {} of {} was rotated while it was opened; read on the next pull",
                                file.name(), host);
                        continue;
                    }
                    try (AccountingIngestion.Session session = ingestion.open(host, "sftp")) {
                        checkpoint = read(in, file, checkpoint, session);
                        summary = session.finish();
                    }
                }
                filesRead++;
                accepted += summary.accepted();
                duplicates += summary.duplicates();
                rejected += summary.rejected();
                long left = file.size() - checkpoint.offset();
                if (left > 0) {
                    pending += left;
                    if (oldestUnread == null || file.modifiedAt().isBefore(oldestUnread)) {
                        oldestUnread = file.modifiedAt();
                    }
                }
            }
        }
        gauge(pendingBytes, PENDING, host, "Bytes of accounting files not yet read (incomplete records)").set(pending);
        gauge(lagSeconds, LAG, host, "Age of the oldest accounting file with unread complete data; 0 when caught up")
                .set(oldestUnread == null ? 0 : Math.max(0, Duration.between(oldestUnread, clock.instant()).toSeconds()));
        return new PullResult(filesRead, accepted, duplicates, rejected);
    }

    /** Reads the file from the checkpoint ({@code in} starts there) to its last complete record, chunk by chunk. */
    private PullCheckpoint read(InputStream in, RemoteAccountingFiles.RemoteFile file, PullCheckpoint start,
                                AccountingIngestion.Session session) throws IOException {
        AtomicReference<PullCheckpoint> checkpoint = new AtomicReference<>(start);
        byte[] buffer = new byte[chunkBytes];
        int filled = 0;
        boolean eof = false;
        while (!eof) {
            int n = in.read(buffer, filled, buffer.length - filled);
            if (n < 0) {
                eof = true;
            } else {
                filled += n;
                if (filled < buffer.length) {
                    continue;
                }
            }
            RecordBoundaries.Scan scan = RecordBoundaries.lastCompleteRecord(buffer, filled);
            if (scan.end() == 0) {
                if (filled == buffer.length) {
                    throw new IOException("a record of " + file.name() + " at byte " + checkpoint.get().offset()
                            + " is longer than the pull chunk of " + chunkBytes + " bytes");
                }
                continue;
            }
            PullCheckpoint before = checkpoint.get();
            List<String> header;
            try {
                header = csv.read(new InputStreamReader(new ByteArrayInputStream(buffer, 0, scan.end()), StandardCharsets.UTF_8),
                        before.nextLine(), before.header(), session);
            } catch (NotAccountingDataException e) {
                // Quarantined with the reason and marked read, so it is reported once rather than on every poll.
                session.rejected(new RejectedLine(before.nextLine(), "file " + file.name() + ": " + e.getMessage(), null));
                PullCheckpoint skipped = before.advance(file.size() - before.offset(), 0, before.header());
                session.flush(() -> checkpoints.save(skipped));
                return skipped;
            }
            PullCheckpoint after = before.advance(scan.end(), scan.lines(), header);
            session.flush(() -> checkpoints.save(after));
            checkpoint.set(after);
            System.arraycopy(buffer, scan.end(), buffer, 0, filled - scan.end());
            filled -= scan.end();
        }
        return checkpoint.get();
    }

    /**
     * SHA-256 of the header line and the first record; null while the file has no complete record yet.
     * Reads only as far as those two lines (a few hundred bytes, in steps), not the whole bound.
     */
    private String fingerprint(RemoteAccountingFiles.Connection connection, RemoteAccountingFiles.RemoteFile file)
            throws IOException {
        byte[] head = new byte[(int) Math.min(fingerprintBytes, Math.max(0, file.size()))];
        int filled = 0;
        RecordBoundaries.Scan scan = RecordBoundaries.firstRecords(head, 0, 2);
        try (InputStream in = connection.read(file.name(), 0)) {
            int n;
            while (scan.records() < 2 && filled < head.length
                    && (n = in.read(head, filled, Math.min(FINGERPRINT_STEP, head.length - filled))) > 0) {
                filled += n;
                scan = RecordBoundaries.firstRecords(head, filled, 2);
            }
        }
        if (scan.records() < 2) {
            return null;
        }
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(head, 0, scan.end());
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private AtomicLong gauge(Map<String, AtomicLong> gauges, String name, String host, String description) {
        return gauges.computeIfAbsent(host, h -> {
            AtomicLong value = new AtomicLong();
            Gauge.builder(name, value, AtomicLong::get).description(description).tag("host", h).register(registry);
            return value;
        });
    }
}
