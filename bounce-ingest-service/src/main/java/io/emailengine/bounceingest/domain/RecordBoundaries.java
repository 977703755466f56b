package io.emailengine.bounceingest.domain;

/**
 * Finds where complete CSV records end in raw bytes that start at a record boundary: a line feed
 * outside a quoted field. It reads quotes as the CSV parser (Commons CSV, RFC 4180) does: a quote
 * opens a quoted field only as a field's first byte, a doubled quote inside one stands for a quote,
 * a quote anywhere else in an unquoted field is an ordinary character (a stray quote in a
 * diagnostic must not hide every line feed after it, which would stop the pull at that record for
 * good), and a carriage return ends a record as a line feed does (line feeds are what it counts).
 * Bytes, not characters: a UTF-8 continuation byte is never a quote, comma or line feed, so offsets
 * stay exact for checkpoints.
 */
public final class RecordBoundaries {

    private RecordBoundaries() {
    }

    /**
     * @param end   offset just after the last record-ending line feed (0 when no record is complete)
     * @param lines   physical line feeds before {@code end}
     * @param records complete records before {@code end}
     */
    public record Scan(int end, long lines, int records) {
    }

    public static Scan lastCompleteRecord(byte[] bytes, int length) {
        return scan(bytes, length, Integer.MAX_VALUE);
    }

    /** Like {@link #lastCompleteRecord} but stops after {@code records} complete records. */
    public static Scan firstRecords(byte[] bytes, int length, int records) {
        return scan(bytes, length, records);
    }

    /**
     * Where the scan is: at a field's first byte, inside an unquoted or a quoted field, just after a
     * quote inside a quoted one (its end, or the first of a doubled quote), or after a closing quote
     * and blanks.
     */
    private static final int FIELD_START = 0;
    private static final int UNQUOTED = 1;
    private static final int QUOTED = 2;
    private static final int QUOTE_IN_QUOTED = 3;
    private static final int AFTER_CLOSE = 4;

    private static Scan scan(byte[] bytes, int length, int maxRecords) {
        int state = FIELD_START;
        int end = 0;
        long lines = 0;
        long linesAtEnd = 0;
        int records = 0;
        int recordsAtEnd = 0;
        for (int i = 0; i < length; i++) {
            byte b = bytes[i];
            if (state == QUOTED) {
                if (b == '"') {
                    state = QUOTE_IN_QUOTED;
                } else if (b == '\n') {
                    lines++;
                }
                continue;
            }
            if (b == '\n') {
                lines++;
                state = FIELD_START;
                end = i + 1;
                linesAtEnd = lines;
                recordsAtEnd = ++records;
                if (records == maxRecords) {
                    break;
                }
            } else if (b == '\r' || b == ',') {
                // A carriage return ends a record for the parser too (alone or before a line feed).
                state = FIELD_START;
            } else if (state == QUOTE_IN_QUOTED && b == '"') {
                // A doubled quote: one quote of the value, still inside the field.
                state = QUOTED;
            } else if (state == FIELD_START && b == '"') {
                state = QUOTED;
            } else if (state == QUOTE_IN_QUOTED || state == AFTER_CLOSE) {
                // After a closing quote the parser skips blanks; anything else it rejects, and reads on
                // from the next byte as the start of a new field.
                state = b >= 0 && Character.isWhitespace(b) ? AFTER_CLOSE : FIELD_START;
            } else {
                // Any other byte, a quote included, is part of an unquoted field.
                state = UNQUOTED;
            }
        }
        return new Scan(end, linesAtEnd, recordsAtEnd);
    }
}
