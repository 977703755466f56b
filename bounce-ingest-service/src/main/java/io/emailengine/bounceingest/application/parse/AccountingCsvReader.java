package io.emailengine.bounceingest.application.parse;

import io.emailengine.bounceingest.domain.AccountingRecord;
import io.emailengine.bounceingest.domain.RejectedLine;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.apache.commons.csv.CSVException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Streams a PowerMTA accounting CSV (RFC 4180, LF or CRLF) record by record, by header name. A
 * header line may reappear anywhere (a pipe restarted), possibly with other columns; from there on
 * it applies. Commons CSV is used without its own header handling for exactly that reason. A
 * malformed record (a character after a closing quote, a quote never closed) is rejected with the
 * lines it spans, and reading goes on with the line after the one the parser stopped on.
 */
public final class AccountingCsvReader {

    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setIgnoreEmptyLines(true).get();

    /** A parser that fails this often without a good record between is reading something else than CSV. */
    static final int MAX_MALFORMED_IN_A_ROW = 100;

    private final int maxLineChars;

    public AccountingCsvReader(int maxLineChars) {
        this.maxLineChars = maxLineChars;
    }

    /**
     * @param firstLine line number of the first character of {@code input} (1 for a whole file)
     * @param header    the header in force when {@code input} starts mid-file, or null to require one
     * @return the header in force at the end (so a resumed read can continue with it)
     * @throws NotAccountingDataException when the input does not start like accounting data
     */
    public List<String> read(Reader input, long firstLine, List<String> header, RecordSink sink) {
        Columns columns = header == null ? null : Columns.of(header);
        long lineOffset = firstLine - 1;
        long previousEnd = lineOffset;
        // A read resumed mid-file (a pull's next chunk) has seen its header already.
        boolean seenAnything = header != null;
        long skipThrough = 0;
        int malformedInARow = 0;
        try (CSVParser parser = CSVParser.builder().setReader(new BoundedLineReader(input, maxLineChars)).setFormat(FORMAT).get()) {
            Iterator<CSVRecord> records = parser.iterator();
            while (true) {
                CSVRecord csv;
                try {
                    csv = nextRecord(records);
                } catch (LineTooLongException e) {
                    sink.rejected(new RejectedLine(previousEnd + 1, e.getMessage() + "; the rest of the input was not read", null));
                    break;
                } catch (IOException | UncheckedIOException | IllegalStateException e) {
                    if (!seenAnything) {
                        throw new NotAccountingDataException("not CSV: " + e.getMessage());
                    }
                    if (causeOf(e, CSVException.class) == null) {
                        // Not the content: the input itself failed (the client went away, a read timed out).
                        sink.rejected(new RejectedLine(previousEnd + 1, "could not read the input: " + rootMessage(e)
                                + "; the rest of the input was not read", null));
                        break;
                    }
                    // The parser stopped inside the record (a character after a closing quote, a quote never
                    // closed): the record is quarantined, and reading goes on after the line it stopped on.
                    long stoppedOn = Math.max(previousEnd + 1, lineOffset + parser.getCurrentLineNumber());
                    boolean giveUp = ++malformedInARow > MAX_MALFORMED_IN_A_ROW;
                    sink.rejected(new RejectedLine(previousEnd + 1, "malformed CSV"
                            + (stoppedOn > previousEnd + 1 ? " (lines " + (previousEnd + 1) + "-" + stoppedOn + ")" : "")
                            + ": " + rootMessage(e)
                            + (giveUp ? "; " + MAX_MALFORMED_IN_A_ROW + " malformed records in a row, the rest of the input was not read" : ""),
                            null));
                    if (giveUp) {
                        break;
                    }
                    skipThrough = stoppedOn;
                    previousEnd = stoppedOn;
                    continue;
                }
                if (csv == null) {
                    break;
                }
                long end = lineOffset + parser.getCurrentLineNumber();
                if (end <= skipThrough) {
                    // The rest of a malformed record's last line, parsed from where the parser stopped.
                    continue;
                }
                malformedInARow = 0;
                // A record that moved the line counter by at most one has no line break inside: each break
                // inside a value counts a line, and so do its end of line and any empty line before it. (The one
                // exception, a last value holding one break with no end of line after it, starts on the same
                // line either way.) Only other records are scanned.
                int breaks = end - previousEnd <= 1 ? 0 : lineBreaks(csv);
                long start = end - breaks;
                if (start <= previousEnd) {
                    // The last record of an input without a final line break: the counter has not moved past it.
                    start = previousEnd + 1;
                    end = start + breaks;
                }
                previousEnd = end;
                if (isHeader(csv)) {
                    Columns next = Columns.parse(csv, start);
                    if (next.problem != null) {
                        if (columns == null) {
                            throw new NotAccountingDataException("line " + start + ": " + next.problem);
                        }
                        sink.rejected(new RejectedLine(start, next.problem, joined(csv)));
                    } else {
                        columns = next;
                    }
                    seenAnything = true;
                    continue;
                }
                if (columns == null) {
                    throw new NotAccountingDataException("line " + start
                            + ": expected a PowerMTA accounting header line starting with 'type', found '"
                            + excerpt(joined(csv)) + "'");
                }
                seenAnything = true;
                if (csv.size() != columns.header.size()) {
                    sink.rejected(new RejectedLine(start, "has " + csv.size() + " fields but the header has "
                            + columns.header.size(), joined(csv)));
                    continue;
                }
                // The record takes over the parser's value array (one per CSV record): no copy, no map.
                sink.record(AccountingRecord.of(start, columns.header, csv.values()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return columns == null ? null : columns.header.names();
    }

    /** Commons CSV's iterator wraps I/O errors; the bound violation is unwrapped so it is reported as such. */
    private static CSVRecord nextRecord(Iterator<CSVRecord> records) throws IOException {
        try {
            return records.hasNext() ? records.next() : null;
        } catch (UncheckedIOException e) {
            LineTooLongException tooLong = causeOf(e, LineTooLongException.class);
            if (tooLong != null) {
                throw tooLong;
            }
            throw e;
        }
    }

    private static boolean isHeader(CSVRecord csv) {
        return csv.size() > 1 && "type".equals(csv.get(0));
    }

    private static int lineBreaks(CSVRecord csv) {
        int breaks = 0;
        for (String value : csv) {
            // Almost no value holds a line break, and indexOf is vectorised: count only where there is one.
            if (value.indexOf('\n') < 0 && value.indexOf('\r') < 0) {
                continue;
            }
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (c == '\n' || (c == '\r' && (i + 1 == value.length() || value.charAt(i + 1) != '\n'))) {
                    breaks++;
                }
            }
        }
        return breaks;
    }

    private static String joined(CSVRecord csv) {
        StringBuilder out = new StringBuilder();
        for (String value : csv) {
            if (out.length() > RejectedLine.MAX_EXCERPT) {
                break;
            }
            if (!out.isEmpty()) {
                out.append(',');
            }
            out.append(value);
        }
        return out.toString();
    }

    private static String excerpt(String text) {
        String cut = text.length() > 60 ? text.substring(0, 60) + "..." : text;
        return cut.replaceAll("\\p{Cntrl}", "?");
    }

    /** The first throwable of that type in the cause chain of {@code e} (itself included), or null. */
    private static <T extends Throwable> T causeOf(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage();
    }

    /** A header line's columns, or why the line is no usable header. */
    private record Columns(AccountingRecord.Columns header, String problem) {

        static Columns of(List<String> names) {
            return new Columns(AccountingRecord.Columns.of(names), null);
        }

        static Columns parse(CSVRecord csv, long line) {
            List<String> names = new ArrayList<>(csv.size());
            Set<String> seen = new HashSet<>();
            for (String name : csv) {
                String clean = name.trim();
                if (clean.isEmpty()) {
                    return new Columns(null, "header has an empty column name");
                }
                if (!seen.add(clean)) {
                    return new Columns(null, "header names column '" + excerpt(clean) + "' twice");
                }
                names.add(clean);
            }
            if (!seen.contains("timeLogged")) {
                return new Columns(null, "header has no 'timeLogged' column");
            }
            return of(names);
        }
    }
}
