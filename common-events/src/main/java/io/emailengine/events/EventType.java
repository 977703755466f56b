package io.emailengine.events;

import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * The catalogue of events: logical name on the wire, versioned topic, payload record and key rule.
 * The logical name, not the Java class, is the contract, so classes can be renamed freely.
 */
public enum EventType {

    WARMUP_TICK("WarmupTick", "email-engine.warmup-tick.v1", WarmupTick.class,
            "constant \"warmup-clock\" (all ticks on one partition, in order)"),
    QUOTA_CHANGED("QuotaChanged", "email-engine.quota-changed.v1", QuotaChanged.class,
            "sending IP"),
    PMTA_CONFIG_REQUESTED("PmtaConfigRequested", "email-engine.pmta-config-requested.v1",
            PmtaConfigRequested.class, "PowerMTA host id"),
    BOUNCE_RECEIVED("BounceReceived", "email-engine.bounce-received.v1", BounceReceived.class,
            "sending IP"),
    ALERT_RAISED("AlertRaised", "email-engine.alert-raised.v1", AlertRaised.class,
            "alert fingerprint"),
    DELIVERY_REPORT("DeliveryReport", "email-engine.delivery-report.v1", DeliveryReport.class,
            "sending IP"),
    DKIM_KEY_PUBLISHED("DkimKeyPublished", "email-engine.dkim-key-published.v1", DkimKeyPublished.class,
            "DKIM DNS name selector._domainkey.domain");

    private static final String DEAD_LETTER_SUFFIX = ".dlt";

    private final String logicalName;
    private final String topic;
    private final Class<? extends EventPayload> payloadType;
    private final String keyRule;

    EventType(String logicalName, String topic, Class<? extends EventPayload> payloadType, String keyRule) {
        this.logicalName = logicalName;
        this.topic = topic;
        this.payloadType = payloadType;
        this.keyRule = keyRule;
    }

    public String logicalName() {
        return logicalName;
    }

    public String topic() {
        return topic;
    }

    public String deadLetterTopic() {
        return topic + DEAD_LETTER_SUFFIX;
    }

    /** Version of this event's contract; a breaking change gets a new version and topic. */
    public int schemaVersion() {
        return 1;
    }

    public Class<? extends EventPayload> payloadType() {
        return payloadType;
    }

    /** Human description of the Kafka key, for documentation and topic declarations. */
    public String keyRule() {
        return keyRule;
    }

    /** Classpath location (no leading slash) of the JSON schema of the whole envelope. */
    public String schemaResource() {
        return "schemas/" + topic + ".schema.json";
    }

    public static EventType ofLogicalName(String logicalName) {
        return Arrays.stream(values())
                .filter(type -> type.logicalName.equals(logicalName))
                .findFirst()
                .orElseThrow(() -> new UnknownEventTypeException(logicalName));
    }

    public static EventType of(Class<? extends EventPayload> payloadType) {
        Objects.requireNonNull(payloadType, "payloadType");
        return Arrays.stream(values())
                .filter(type -> type.payloadType.equals(payloadType))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no event type for " + payloadType.getName()));
    }

    /** Accepts a main topic or its dead-letter topic. */
    public static Optional<EventType> ofTopic(String topic) {
        return Arrays.stream(values())
                .filter(type -> type.topic.equals(topic) || type.deadLetterTopic().equals(topic))
                .findFirst();
    }
}
