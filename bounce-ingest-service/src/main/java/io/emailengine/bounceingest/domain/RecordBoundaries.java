package io.emailengine.bounceingest.domain;

/**
 * Finds where complete CSV records end in raw bytes that start at a record boundary: a line feed
 * outside double quotes. A quote toggles the state, so an RFC 4180 doubled quote toggles twice and
 * leaves it unchanged. Bytes, not characters: a UTF-8 continuation byte is never a quote or a line
 * feed, so offsets stay exact for checkpoints.
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

    private static Scan scan(byte[] bytes, int length, int maxRecords) {
        boolean quoted = false;
        int end = 0;
        long lines = 0;
        long linesAtEnd = 0;
        int records = 0;
        int recordsAtEnd = 0;
        for (int i = 0; i < length; i++) {
            byte b = bytes[i];
            if (b == '"') {
                quoted = !quoted;
            } else if (b == '\n') {
                lines++;
                if (!quoted) {
                    end = i + 1;
                    linesAtEnd = lines;
                    recordsAtEnd = ++records;
                    if (records == maxRecords) {
                        break;
                    }
                }
            }
        }
        return new Scan(end, linesAtEnd, recordsAtEnd);
    }
}
