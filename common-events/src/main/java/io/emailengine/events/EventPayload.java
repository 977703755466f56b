package io.emailengine.events;

/**
 * The payload of one event. Sealed so that adding an event is a deliberate change here, where
 * {@link EventType} must also name its topic, schema and key.
 */
public sealed interface EventPayload
        permits WarmupTick, QuotaChanged, PmtaConfigRequested, BounceReceived, AlertRaised, DeliveryReport,
        DkimKeyPublished {

    /** The Kafka record key: everything sharing it stays in order on one partition. */
    String partitionKey();
}
