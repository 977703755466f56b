package io.emailengine.bounceingest.domain;

/**
 * Finds where complete CSV records end in raw bytes that start at a record boundary: a line feed
 * outside a quoted field. It reads quotes as the CSV parser (Commons CSV, RFC 4180) does: a quote
 * opens a quoted field only as a field's first byte, a doubled quote inside one stands for a quote,
 * and a quote anywhere else in an unquoted field is an ordinary character (a stray quote in a
 * diagnostic must not hide every line feed after it, which would stop the pull at that record for
 * good). Bytes, not characters: a UTF-8 continuation byte is never a quote, comma or line feed, so
 * offsets stay exact for checkpoints.
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

    /** Where the scan is: at a field's first byte, inside an unquoted or a quoted field, or just after a quote inside one. */
    private static final int FIELD_START = 0;
    private static final int UNQUOTED = 1;
    private static final int QUOTED = 2;
    private static final int QUOTE_IN_QUOTED = 3;

    private static Scan scan(byte[] bytes, int length, int maxRecords) {
        int state = FIELD_START;
        int end = 0;
        long lines = 0;
        long linesAtEnd = 0;
        int records = 0;
        int recordsAtEnd = 0;
        for (int i = 0; i < length; i++) {
            byte b = bytes[i];
            if (b == '\n') {
                lines++;
                if (state == QUOTED) {
                    continue;
                }
                state = FIELD_START;
                end = i + 1;
                linesAtEnd = lines;
                recordsAtEnd = ++records;
                if (records == maxRecords) {
                    break;
                }
            } else if (b == '"') {
                state = switch (state) {
                    case FIELD_START -> QUOTED;
                    case QUOTED -> QUOTE_IN_QUOTED;
                    // A doubled quote: one quote of the value, still inside the field.
                    case QUOTE_IN_QUOTED -> QUOTED;
                    default -> UNQUOTED;
                };
            } else if (b == ',') {
                if (state != QUOTED) {
                    state = FIELD_START;
                }
            } else if (state != QUOTED) {
                // After a closing quote only a comma or the line's end may follow; the parser rejects the
                // record otherwise, and its line feed ends it all the same.
                state = UNQUOTED;
            }
        }
        return new Scan(end, linesAtEnd, recordsAtEnd);
    }
}
