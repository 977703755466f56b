package io.emailengine.kit.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The layout of a row of many outbox events: what is written is what the relay reads back. */
class OutboxBatchTest {

    private static final Instant AT = Instant.parse("2026-11-28T10:00:00Z");

    @Test
    void eventsComeBackInTheirOrderWithIdTopicKeyAndTheExactJsonBytes() {
        OutboxPublisher.SerializedEvent first = event("203.0.113.7", "{\"diagnostic\":\"Zustellung verzögert – TSS04\"}");
        OutboxPublisher.SerializedEvent second = event("", "{}");
        OutboxPublisher.SerializedEvent third = event("2001:db8::1", "{\"n\":3}");

        List<OutboxBatch.Event> events = OutboxBatch.decode(7, OutboxBatch.encode(List.of(first, second, third)));

        assertThat(events).hasSize(3);
        for (int i = 0; i < 3; i++) {
            OutboxPublisher.SerializedEvent written = List.of(first, second, third).get(i);
            OutboxBatch.Event read = events.get(i);
            assertThat(read.eventId()).isEqualTo(written.eventId());
            assertThat(read.topic()).isEqualTo(written.topic());
            assertThat(read.key()).isEqualTo(written.key());
            assertThat(read.payload()).isEqualTo(written.json());
        }
    }

    @Test
    void packedRowsHoldTheEventsInOrderWithinTheRowSizeAndALargerEventAlone() {
        List<OutboxPublisher.SerializedEvent> events = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            events.add(event("203.0.113." + i, "{\"n\":" + i + ",\"d\":\"" + "é".repeat(700) + "\"}"));
        }
        events.add(6, event("large", "{\"d\":\"" + "x".repeat(20_000) + "\"}"));

        List<OutboxBatch.Row> rows = OutboxBatch.pack(events);

        List<OutboxBatch.Event> read = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            OutboxBatch.Row row = rows.get(i);
            List<OutboxBatch.Event> held = OutboxBatch.decode(i, row.events());
            assertThat(held).hasSize(row.count());
            if (held.stream().anyMatch(event -> event.key().equals("large"))) {
                assertThat(held).as("the event larger than a row, alone").hasSize(1);
            } else {
                assertThat(row.events().length).isLessThanOrEqualTo(OutboxBatch.ROW_BYTES);
            }
            read.addAll(held);
        }
        assertThat(rows).as("1.4 KB events, five at most a row, and the large one").hasSizeGreaterThanOrEqualTo(4);
        assertThat(read).extracting(OutboxBatch.Event::eventId)
                .containsExactlyElementsOf(events.stream().map(OutboxPublisher.SerializedEvent::eventId).toList());
        assertThat(rows.get(0).oldest()).isEqualTo(AT);
    }

    @Test
    void aCutOffRowIsRefusedNamingTheRowAndTheByteWhereItEnds() {
        byte[] whole = OutboxBatch.encode(List.of(event("k", "{\"a\":1}"), event("k", "{\"b\":2}")));
        byte[] cut = Arrays.copyOf(whole, whole.length - 3);

        assertThatThrownBy(() -> OutboxBatch.decode(42, cut))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("outbox_event_batch row 42 is corrupt at byte ")
                .hasMessageContaining("event 2 claims 7 bytes of JSON, 4 are left");
        assertThatThrownBy(() -> OutboxBatch.decode(42, Arrays.copyOf(whole, 20)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("outbox_event_batch row 42 is corrupt at byte 1: event 1 is cut off");
    }

    @Test
    void aRowOfALaterLayoutVersionIsRefusedAsNewerNotAsCorrupt() {
        byte[] row = OutboxBatch.encode(List.of(event("k", "{}")));
        row[0] = 2;

        assertThatThrownBy(() -> OutboxBatch.decode(5, row))
                .isInstanceOf(OutboxBatch.NewerVersionException.class)
                .hasMessage("outbox_event_batch row 5 is of format version 2, this release reads up to 1");
    }

    @Test
    void aRowOfAnUnknownEarlierLayoutVersionIsCorrupt() {
        byte[] row = OutboxBatch.encode(List.of(event("k", "{}")));
        row[0] = 0;

        assertThatThrownBy(() -> OutboxBatch.decode(5, row))
                .isInstanceOf(IllegalStateException.class)
                .isNotInstanceOf(OutboxBatch.NewerVersionException.class)
                .hasMessage("outbox_event_batch row 5 is corrupt at byte 0: version 0, expected 1");
    }

    @Test
    void aKeyTooLongForItsLengthFieldIsRefusedWhenWritten() {
        OutboxPublisher.SerializedEvent event = event("k".repeat(70_000), "{}");

        assertThatThrownBy(() -> OutboxBatch.encode(List.of(event)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("event " + event.eventId() + ": key of 70000 bytes (at most 65535)");
    }

    private static OutboxPublisher.SerializedEvent event(String key, String json) {
        return new OutboxPublisher.SerializedEvent(UUID.randomUUID(), "BounceReceived", "email-engine.bounce-received.v1", key,
                json.getBytes(StandardCharsets.UTF_8), AT);
    }
}
