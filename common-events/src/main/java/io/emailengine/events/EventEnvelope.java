package io.emailengine.events;

import io.emailengine.events.types.TenantId;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

/**
 * What travels on every topic: identity, origin and tracing metadata around one payload.
 *
 * @param tenantId      null for system-wide events (e.g. the warmup clock)
 * @param correlationId shared by every event of one causal chain; the first event's id
 * @param causationId   id of the event that directly caused this one; null for a chain's first
 * @param producer      the service that published it, e.g. {@code warmup-service}
 */
public record EventEnvelope<P extends EventPayload>(
        UUID eventId,
        String type,
        int schemaVersion,
        Instant occurredAt,
        @OptionalField TenantId tenantId,
        String correlationId,
        @OptionalField String causationId,
        String producer,
        P payload) {

    public EventEnvelope {
        Fields.required(eventId, "EventEnvelope.eventId");
        Fields.required(type, "EventEnvelope.type");
        Fields.required(occurredAt, "EventEnvelope.occurredAt");
        Fields.requiredText(correlationId, "EventEnvelope.correlationId");
        causationId = Fields.optionalText(causationId);
        Fields.requiredText(producer, "EventEnvelope.producer");
        Fields.required(payload, "EventEnvelope.payload");
        EventType expected = EventType.of(payload.getClass());
        if (!expected.logicalName().equals(type)) {
            throw new IllegalArgumentException("EventEnvelope.type '" + type + "' does not match payload type '"
                    + expected.logicalName() + "'");
        }
        if (schemaVersion != expected.schemaVersion()) {
            throw new IllegalArgumentException("EventEnvelope.schemaVersion " + schemaVersion
                    + " is not supported for " + type + " (expected " + expected.schemaVersion() + ")");
        }
    }

    /** Starts a new causal chain: the event is its own correlation. */
    public static <P extends EventPayload> EventEnvelope<P> of(P payload, TenantId tenant, String producer, Clock clock) {
        EventType type = EventType.of(Fields.required(payload, "payload").getClass());
        UUID eventId = UUID.randomUUID();
        return new EventEnvelope<>(eventId, type.logicalName(), type.schemaVersion(), clock.instant(),
                tenant, eventId.toString(), null, producer, payload);
    }

    /** An event caused by this one: same tenant and correlation, caused by this event's id. */
    public <Q extends EventPayload> EventEnvelope<Q> causing(Q payload, String producer, Clock clock) {
        EventType next = EventType.of(Fields.required(payload, "payload").getClass());
        return new EventEnvelope<>(UUID.randomUUID(), next.logicalName(), next.schemaVersion(), clock.instant(),
                tenantId, correlationId, eventId.toString(), producer, payload);
    }

    /** The Kafka record key. */
    public String key() {
        return payload.partitionKey();
    }

    public EventType eventType() {
        return EventType.ofLogicalName(type);
    }

    public EventEnvelope<P> withEventId(UUID newEventId) {
        return new EventEnvelope<>(newEventId, type, schemaVersion, occurredAt, tenantId, correlationId,
                causationId, producer, payload);
    }
}
