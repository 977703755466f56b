package io.emailengine.kit.outbox;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * The {@code events} column of an {@code outbox_event_batch} row: events written together by
 * {@link OutboxPublisher#publishAllPacked}, in order. Version byte {@value #VERSION}, then per event:
 * its id (16 bytes), topic and Kafka key (each an unsigned 16-bit length and UTF-8), the JSON
 * (a 32-bit length and the UTF-8 bytes {@link io.emailengine.events.EventJson#writeBytes} wrote).
 */
final class OutboxBatch {

    static final byte VERSION = 1;
    /**
     * Bytes of events a row holds at most, so that the row stays in its table's page (the table's
     * {@code toast_tuple_target} is 8160): a value moved out of line is cut into chunks of 2 KB, each a
     * row of the TOAST table with an index entry, which cost PostgreSQL more than the events' rows.
     */
    static final int ROW_BYTES = 8000;

    private OutboxBatch() {
    }

    /** One event as the relay sends it. */
    record Event(UUID eventId, String topic, String key, byte[] payload) {
    }

    /**
     * The events, in order, as the {@code events} of as few rows as hold them within {@link #ROW_BYTES}
     * each; an event larger than that has a row of its own.
     */
    static List<Row> pack(Collection<OutboxPublisher.SerializedEvent> events) {
        List<Row> rows = new ArrayList<>();
        List<OutboxPublisher.SerializedEvent> row = new ArrayList<>();
        int size = 1;
        for (OutboxPublisher.SerializedEvent event : events) {
            int bytes = encodedSize(event);
            if (!row.isEmpty() && size + bytes > ROW_BYTES) {
                rows.add(new Row(encode(row), row.size(), oldest(row)));
                row = new ArrayList<>();
                size = 1;
            }
            row.add(event);
            size += bytes;
        }
        if (!row.isEmpty()) {
            rows.add(new Row(encode(row), row.size(), oldest(row)));
        }
        return rows;
    }

    /** One row's events column, how many events it holds and when the oldest of them occurred. */
    record Row(byte[] events, int count, Instant oldest) {
    }

    private static Instant oldest(List<OutboxPublisher.SerializedEvent> events) {
        return events.stream().map(OutboxPublisher.SerializedEvent::occurredAt).min(Instant::compareTo).orElseThrow();
    }

    private static int encodedSize(OutboxPublisher.SerializedEvent event) {
        return 16 + 2 + utf8Length(event.topic()) + 2 + utf8Length(event.key()) + 4 + event.json().length;
    }

    private static int utf8Length(String text) {
        int bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            // A surrogate pair is two chars of two bytes each: four bytes, as UTF-8 writes it.
            bytes += c < 0x80 ? 1 : c < 0x800 || Character.isSurrogate(c) ? 2 : 3;
        }
        return bytes;
    }

    static byte[] encode(Collection<OutboxPublisher.SerializedEvent> events) {
        List<byte[]> topics = new ArrayList<>(events.size());
        List<byte[]> keys = new ArrayList<>(events.size());
        int size = 1;
        for (OutboxPublisher.SerializedEvent event : events) {
            byte[] topic = shortText(event.topic(), "topic", event);
            byte[] key = shortText(event.key(), "key", event);
            topics.add(topic);
            keys.add(key);
            size += 16 + 2 + topic.length + 2 + key.length + 4 + event.json().length;
        }
        ByteBuffer out = ByteBuffer.allocate(size).put(VERSION);
        int i = 0;
        for (OutboxPublisher.SerializedEvent event : events) {
            out.putLong(event.eventId().getMostSignificantBits()).putLong(event.eventId().getLeastSignificantBits());
            out.putShort((short) topics.get(i).length).put(topics.get(i));
            out.putShort((short) keys.get(i).length).put(keys.get(i));
            out.putInt(event.json().length).put(event.json());
            i++;
        }
        return out.array();
    }

    /**
     * The events of a row, in the order they were written.
     *
     * @throws IllegalStateException naming the row and the byte where its content stops making sense
     */
    static List<Event> decode(long rowId, byte[] column) {
        ByteBuffer in = ByteBuffer.wrap(column);
        List<Event> events = new ArrayList<>();
        int at = 0;
        try {
            byte version = in.get();
            if (version > VERSION) {
                throw new NewerVersionException("outbox_event_batch row " + rowId + " is of format version " + version
                        + ", this release reads up to " + VERSION);
            }
            if (version != VERSION) {
                throw corrupt(rowId, 0, "version " + version + ", expected " + VERSION);
            }
            while (in.hasRemaining()) {
                at = in.position();
                UUID eventId = new UUID(in.getLong(), in.getLong());
                String topic = text(in, Short.toUnsignedInt(in.getShort()));
                String key = text(in, Short.toUnsignedInt(in.getShort()));
                int length = in.getInt();
                if (length < 0 || length > in.remaining()) {
                    throw corrupt(rowId, at, "event " + (events.size() + 1) + " claims " + length + " bytes of JSON, "
                            + in.remaining() + " are left");
                }
                byte[] payload = new byte[length];
                in.get(payload);
                events.add(new Event(eventId, topic, key, payload));
            }
        } catch (BufferUnderflowException e) {
            throw corrupt(rowId, at, "event " + (events.size() + 1) + " is cut off");
        }
        return events;
    }

    private static byte[] shortText(String value, String what, OutboxPublisher.SerializedEvent event) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > 0xFFFF) {
            throw new IllegalArgumentException("event " + event.eventId() + ": " + what + " of " + bytes.length
                    + " bytes (at most 65535)");
        }
        return bytes;
    }

    private static String text(ByteBuffer in, int length) {
        if (length > in.remaining()) {
            throw new BufferUnderflowException();
        }
        String value = new String(in.array(), in.position(), length, StandardCharsets.UTF_8);
        in.position(in.position() + length);
        return value;
    }

    /** A row written by a later release (during a rolling deployment): not corrupt, only not readable here. */
    static final class NewerVersionException extends IllegalStateException {
        NewerVersionException(String message) {
            super(message);
        }
    }

    private static IllegalStateException corrupt(long rowId, int at, String what) {
        return new IllegalStateException("outbox_event_batch row " + rowId + " is corrupt at byte " + at + ": " + what);
    }
}
