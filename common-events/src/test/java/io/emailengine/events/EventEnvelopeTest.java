package io.emailengine.events;

import io.emailengine.events.types.SendingIp;
import io.emailengine.events.types.TenantId;
import io.emailengine.events.types.VirtualMtaName;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventEnvelopeTest {

    private static final Instant NOW = Instant.parse("2026-02-08T21:00:00Z");
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final TenantId acme = TenantId.of("acme");

    @Test
    void newEventStartsItsOwnCorrelationChain() {
        EventEnvelope<WarmupTick> event = EventEnvelope.of(tick(), null, "warmup-service", clock);

        assertThat(event.type()).isEqualTo("WarmupTick");
        assertThat(event.schemaVersion()).isEqualTo(1);
        assertThat(event.occurredAt()).isEqualTo(NOW);
        assertThat(event.correlationId()).isEqualTo(event.eventId().toString());
        assertThat(event.causationId()).isNull();
        assertThat(event.tenantId()).isNull();
    }

    @Test
    void causedEventKeepsTenantAndCorrelationAndPointsToItsCause() {
        EventEnvelope<WarmupTick> cause = EventEnvelope.of(tick(), acme, "warmup-service", clock);

        EventEnvelope<QuotaChanged> effect = cause.causing(quota(), "warmup-service", clock);

        assertThat(effect.eventId()).isNotEqualTo(cause.eventId());
        assertThat(effect.type()).isEqualTo("QuotaChanged");
        assertThat(effect.tenantId()).isEqualTo(acme);
        assertThat(effect.correlationId()).isEqualTo(cause.correlationId());
        assertThat(effect.causationId()).isEqualTo(cause.eventId().toString());
    }

    @Test
    void keyIsThePayloadsPartitionKey() {
        assertThat(EventEnvelope.of(quota(), acme, "warmup-service", clock).key()).isEqualTo("203.0.113.10");
        assertThat(EventEnvelope.of(tick(), null, "warmup-service", clock).key()).isEqualTo("warmup-clock");
    }

    @Test
    void typeThatDoesNotMatchThePayloadIsRejected() {
        assertThatThrownBy(() -> new EventEnvelope<>(UUID.randomUUID(), "QuotaChanged", 1, NOW, null, "c", null,
                "warmup-service", tick()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'QuotaChanged' does not match payload type 'WarmupTick'");
    }

    @Test
    void withEventIdChangesOnlyTheId() {
        EventEnvelope<WarmupTick> event = EventEnvelope.of(tick(), acme, "warmup-service", clock);
        UUID id = UUID.fromString("00000000-0000-4000-8000-000000000001");

        EventEnvelope<WarmupTick> renamed = event.withEventId(id);

        assertThat(renamed.eventId()).isEqualTo(id);
        assertThat(renamed.withEventId(event.eventId())).isEqualTo(event);
    }

    @Test
    void eventTypeIsDerivedFromTheLogicalName() {
        assertThat(EventEnvelope.of(quota(), acme, "warmup-service", clock).eventType()).isEqualTo(EventType.QUOTA_CHANGED);
    }

    private static WarmupTick tick() {
        return new WarmupTick(UUID.randomUUID(), NOW, Duration.ofHours(1));
    }

    private static QuotaChanged quota() {
        SendingIp ip = SendingIp.of("203.0.113.10");
        return new QuotaChanged(ip, VirtualMtaName.forIp(ip), Map.of(), 0, 0, 0, 0, "initial", UUID.randomUUID());
    }
}
