package io.emailengine.simulator.pmta;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes one {@code <acct-file>} as PowerMTA does: RFC 4180 CSV, a header line (the union of the columns of the
 * record types the file records) at the start of each file, whole records only, and rotation at
 * {@code move-interval} boundaries of simulated time (or at {@code max-size}) by renaming the file to
 * {@code <name>-YYYY-MM-DD-HHMM.<ext>} in the same directory ({@code acct.csv} → {@code acct-2026-11-20-0800.csv},
 * stamped with the start of the interval the file covers). The oldest rotated files beyond a count are deleted.
 * Not thread-safe: the traffic generator serialises all writes.
 */
final class AccountingWriter {

    private static final Logger log = LoggerFactory.getLogger(AccountingWriter.class);

    static final List<String> DELIVERY_COLUMNS = List.of("type", "timeLogged", "timeQueued", "orig", "rcpt", "orcpt",
            "dsnAction", "dsnStatus", "dsnDiag", "dsnMta", "bounceCat", "srcType", "srcMta", "dlvType", "dlvSourceIp",
            "dlvDestinationIp", "dlvEsmtpAvailable", "dlvSize", "vmta", "jobId", "envId", "queue", "vmtaPool");
    static final List<String> FEEDBACK_COLUMNS = List.of("type", "timeLogged", "repSourceIp", "feedbackType", "format",
            "userAgent", "envId", "orig", "rcpt", "reportingMta", "dlvSourceIp", "reportedDomain");
    static final List<String> REMOTE_BOUNCE_COLUMNS = List.of("type", "timeLogged", "orig", "rcpt", "orcpt", "dsnAction",
            "dsnStatus", "dsnDiag", "dsnMta", "dsnReportingMta", "bounceCat", "srcType", "srcMta", "envId", "format");
    static final String MESSAGE_ID = "header_Message-Id";
    static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd-HHmm").withZone(ZoneOffset.UTC);

    private final String hostPath;
    private final Path file;
    private final String stem;
    private final String extension;
    private final Pattern rotatedName;
    private final int keep;
    private LiveConfig.AccountingFile settings;
    private List<String> header;
    private Set<String> types;
    /** Start of the move-interval the current file covers; null when no file is open or the period is unknown. */
    private Instant period;
    private boolean checkedExisting;

    AccountingWriter(LiveConfig.AccountingFile settings, Path file, int keep) {
        this.hostPath = settings.path();
        this.file = file;
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        this.stem = dot > 0 ? name.substring(0, dot) : name;
        this.extension = dot > 0 ? name.substring(dot) : "";
        this.rotatedName = Pattern.compile(Pattern.quote(stem) + "-[0-9]{4}-[0-9]{2}-[0-9]{2}-[0-9]{4}(-[0-9]+)?"
                + Pattern.quote(extension));
        this.keep = keep;
        update(settings);
    }

    /** New settings after a reload: a changed header starts a new file. */
    void update(LiveConfig.AccountingFile newSettings) {
        List<String> newHeader = headerOf(newSettings);
        if (header != null && !header.equals(newHeader) && period != null) {
            rotate(period);
        }
        this.settings = newSettings;
        this.header = newHeader;
        this.types = Set.copyOf(newSettings.records());
    }

    String hostPath() {
        return hostPath;
    }

    boolean records(String type) {
        return types.contains(type);
    }

    List<String> header() {
        return header;
    }

    static List<String> headerOf(LiveConfig.AccountingFile settings) {
        Set<String> columns = new LinkedHashSet<>();
        List<String> records = settings.records();
        if (records.contains("d") || records.contains("b") || records.contains("t")) {
            columns.addAll(DELIVERY_COLUMNS);
        }
        if (records.contains("f")) {
            columns.addAll(FEEDBACK_COLUMNS);
        }
        if (records.contains("rb")) {
            columns.addAll(REMOTE_BOUNCE_COLUMNS);
        }
        columns.add("type");
        columns.add("timeLogged");
        columns.addAll(settings.headerFields());
        columns.add(MESSAGE_ID);
        List<String> ordered = new ArrayList<>();
        ordered.add("type");
        columns.stream().filter(c -> !c.equals("type")).forEach(ordered::add);
        return List.copyOf(ordered);
    }

    /** One accounting record: its simulated time, type and fields by column name. */
    record Line(Instant time, String type, Map<String, String> fields) {
    }

    /** Appends records (sorted by time) as whole lines; rotates first where a record starts a new interval. */
    void write(List<Line> lines) {
        if (lines.isEmpty()) {
            return;
        }
        StringBuilder batch = new StringBuilder(lines.size() * 400);
        for (Line line : lines) {
            Instant start = periodStart(line.time());
            if (period != null && start != null && start.isAfter(period)) {
                flush(batch);
                rotate(period);
            }
            if (period == null) {
                period = start == null ? line.time() : start;
            }
            appendCsv(batch, line);
        }
        flush(batch);
        if (settings.maxSize() > 0 && size() >= settings.maxSize()) {
            rotate(lines.get(lines.size() - 1).time());
        }
    }

    private Instant periodStart(Instant time) {
        Duration interval = settings.moveInterval();
        if (interval == null || interval.isZero()) {
            return null;
        }
        long seconds = interval.getSeconds();
        return Instant.ofEpochSecond(Math.floorDiv(time.getEpochSecond(), seconds) * seconds);
    }

    private void flush(StringBuilder batch) {
        if (batch.isEmpty()) {
            return;
        }
        try {
            Files.createDirectories(file.getParent());
            if (!checkedExisting) {
                checkedExisting = true;
                adoptOrRotateExisting();
            }
            StringBuilder out = new StringBuilder(batch.length() + 512);
            if (!Files.exists(file) || Files.size(file) == 0) {
                appendRow(out, header);
            }
            out.append(batch);
            // Whole lines in one write(2) on a stream opened for append (a FileOutputStream is not interruptible, unlike
            // Files.write's channel, which could leave half a line when the traffic thread is stopped); a reader may
            // still see a line being appended, as with the real PowerMTA, and reads complete records only.
            byte[] bytes = out.toString().getBytes(StandardCharsets.UTF_8);
            try (java.io.FileOutputStream stream = new java.io.FileOutputStream(file.toFile(), true)) {
                stream.write(bytes);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write accounting file " + hostPath, e);
        }
        batch.setLength(0);
    }

    /** A file left from an earlier run is continued when it has the same header, else moved aside. */
    private void adoptOrRotateExisting() throws IOException {
        if (!Files.exists(file) || Files.size(file) == 0) {
            return;
        }
        String first;
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            first = reader.readLine();
        }
        StringBuilder expected = new StringBuilder();
        appendRow(expected, header);
        if (!expected.toString().strip().equals(first == null ? null : first.strip())) {
            rotate(period == null ? Instant.EPOCH : period);
        }
    }

    private long size() {
        try {
            return Files.exists(file) ? Files.size(file) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    /** Renames the current file to its stamped name and prunes old ones; the next record opens a new file. */
    void rotate(Instant stamp) {
        try {
            if (Files.exists(file) && Files.size(file) > 0) {
                String base = stem + "-" + STAMP.format(stamp);
                Path target = file.resolveSibling(base + extension);
                for (int i = 1; Files.exists(target); i++) {
                    target = file.resolveSibling(base + "-" + i + extension);
                }
                Files.move(file, target, StandardCopyOption.ATOMIC_MOVE);
                prune(stamp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot rotate accounting file " + hostPath, e);
        }
        period = null;
    }

    /** Keeps the newest {@code keep} rotated files, and none older than {@code delete-after} before {@code now}. */
    private void prune(Instant now) throws IOException {
        List<Path> rotated;
        try (Stream<Path> entries = Files.list(file.getParent())) {
            rotated = entries.filter(p -> rotatedName.matcher(p.getFileName().toString()).matches()).sorted().toList();
        }
        String oldestKept = settings.deleteAfter() == null ? null
                : stem + "-" + STAMP.format(now.minus(settings.deleteAfter()));
        for (int i = 0; i < rotated.size(); i++) {
            String name = rotated.get(i).getFileName().toString();
            if (i < rotated.size() - keep || (oldestKept != null && name.compareTo(oldestKept) < 0)) {
                Files.deleteIfExists(rotated.get(i));
                log.debug("Deleted rotated accounting file {}", name);
            }
        }
    }

    private void appendCsv(StringBuilder out, Line line) {
        List<String> values = new ArrayList<>(header.size());
        for (String column : header) {
            String value = column.equals("type") ? line.type() : line.fields().get(column);
            values.add(value == null ? "" : value);
        }
        appendRow(out, values);
    }

    /** RFC 4180: quoted when the value holds a comma, quote, CR or LF; quotes doubled; CRLF-free LF line ends. */
    static void appendRow(StringBuilder out, List<String> values) {
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            String value = values.get(i);
            if (value.indexOf(',') >= 0 || value.indexOf('"') >= 0 || value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
                out.append('"').append(value.replace("\"", "\"\"")).append('"');
            } else {
                out.append(value);
            }
        }
        out.append('\n');
    }
}
