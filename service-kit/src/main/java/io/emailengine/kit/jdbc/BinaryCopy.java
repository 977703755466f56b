package io.emailengine.kit.jdbc;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.UUID;
import org.postgresql.PGConnection;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Rows in PostgreSQL's binary {@code COPY} format, then sent with one {@code COPY ... FROM STDIN}:
 * many rows in one round trip without a statement executed per row, for the writes that happen per
 * record or per event. Values are written in the order of the COPY's column list; a row starts with
 * {@link #row(int)} and its field count.
 */
public final class BinaryCopy {

    private static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0};
    private static final Instant POSTGRES_EPOCH = Instant.parse("2000-01-01T00:00:00Z");
    private static final int INT8_OID = 20;

    private ByteBuffer out;

    public BinaryCopy(int expectedBytes) {
        out = ByteBuffer.allocate(Math.max(expectedBytes, 64));
        out.put(SIGNATURE).putInt(0).putInt(0);
    }

    public BinaryCopy row(int fields) {
        room(2);
        out.putShort((short) fields);
        return this;
    }

    public BinaryCopy int8(long value) {
        room(12);
        out.putInt(8).putLong(value);
        return this;
    }

    public BinaryCopy int4(int value) {
        room(8);
        out.putInt(4).putInt(value);
        return this;
    }

    public BinaryCopy uuid(UUID value) {
        if (value == null) {
            return nullValue();
        }
        room(20);
        out.putInt(16).putLong(value.getMostSignificantBits()).putLong(value.getLeastSignificantBits());
        return this;
    }

    /** A {@code timestamptz} (microseconds since 2000-01-01 UTC). */
    public BinaryCopy timestamp(Instant value) {
        return value == null ? nullValue() : int8(ChronoUnit.MICROS.between(POSTGRES_EPOCH, value));
    }

    /** Text of any text column (UTF-8). */
    public BinaryCopy text(String value) {
        return value == null ? nullValue() : bytes(value.getBytes(StandardCharsets.UTF_8));
    }

    /** A {@code bytea}. */
    public BinaryCopy bytes(byte[] value) {
        if (value == null) {
            return nullValue();
        }
        room(4 + value.length);
        out.putInt(value.length).put(value);
        return this;
    }

    /** A one-dimensional {@code bigint[]} without nulls, in the array binary format. */
    public BinaryCopy int8Array(long[] values) {
        if (values == null) {
            return nullValue();
        }
        int length = 20 + values.length * 12;
        room(4 + length);
        out.putInt(length).putInt(1).putInt(0).putInt(INT8_OID).putInt(values.length).putInt(1);
        for (long value : values) {
            out.putInt(8).putLong(value);
        }
        return this;
    }

    public BinaryCopy nullValue() {
        room(4);
        out.putInt(-1);
        return this;
    }

    /**
     * Sends the rows in the caller's transaction.
     *
     * @param copy {@code COPY table (columns) FROM STDIN (FORMAT binary)}
     * @return the number of rows copied
     */
    public long copyIn(JdbcTemplate jdbc, String copy) {
        byte[] rows = finish();
        Long copied = jdbc.execute((ConnectionCallback<Long>) connection -> {
            try {
                return connection.unwrap(PGConnection.class).getCopyAPI().copyIn(copy, new ByteArrayInputStream(rows));
            } catch (IOException e) {
                throw new SQLException("COPY failed: " + copy, e);
            }
        });
        return copied == null ? 0 : copied;
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
