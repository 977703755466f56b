package io.emailengine.events;

import com.fasterxml.jackson.databind.SerializationFeature;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventJsonTest {

    private final EventJson json = new EventJson();

    @ParameterizedTest
    @EnumSource(EventType.class)
    void unknownFieldsAtEnvelopeAndPayloadLevelAreIgnored(EventType type) {
        String withEnvelopeExtra = JsonEdits.edit(type, "", node -> node.putObject("traceContext").put("span", "x"));
        String withPayloadExtra = JsonEdits.edit(type, "payload", node -> node.put("addedInV1_1", 42));

        EventEnvelope<?> original = json.read(Golden.json(type));

        assertThat(json.read(withEnvelopeExtra)).isEqualTo(original);
        assertThat(json.read(withPayloadExtra)).isEqualTo(original);
    }

    @Test
    void unknownFieldsInsideNestedPayloadObjectsAreIgnored() {
        String extra = JsonEdits.edit(EventType.PMTA_CONFIG_REQUESTED, "payload.vmta", node -> node.put("future", true));

        assertThat(json.read(extra)).isEqualTo(json.read(Golden.json(EventType.PMTA_CONFIG_REQUESTED)));
    }

    @ParameterizedTest(name = "{0} without {1}")
    @CsvSource({
            "QUOTA_CHANGED, payload.ip",
            "QUOTA_CHANGED, payload.totalDaily",
            "QUOTA_CHANGED, payload.providers.gmail.hourly",
            "QUOTA_CHANGED, eventId",
            "QUOTA_CHANGED, payload",
            "PMTA_CONFIG_REQUESTED, payload.vmta.ip",
            "PMTA_CONFIG_REQUESTED, payload.providerLimits.gmail.maxMsgRate",
            "BOUNCE_RECEIVED, payload.kind",
            "BOUNCE_RECEIVED, payload.loggedAt",
            "ALERT_RAISED, payload.fingerprint",
            "DELIVERY_REPORT, payload.windowEnd",
            "WARMUP_TICK, occurredAt",
            "WARMUP_TICK, producer",
            "DKIM_KEY_PUBLISHED, payload.status",
    })
    void missingRequiredFieldFailsNamingTheFieldPath(EventType type, String path) {
        String incomplete = JsonEdits.without(type, path);

        assertThatThrownBy(() -> json.read(incomplete))
                .isInstanceOf(InvalidEventException.class)
                .hasMessage(type.logicalName() + ": missing required field '" + path + "'");
    }

    @Test
    void missingOptionalFieldsAreAcceptedAndStayAbsentWhenWritten() {
        String minimal = JsonEdits.edit(EventType.BOUNCE_RECEIVED, "payload", node -> {
            node.remove("recipient");
            node.remove("vmta");
            node.remove("dsnStatus");
        });

        EventEnvelope<?> event = json.read(minimal);

        assertThat(((BounceReceived) event.payload()).recipient()).isNull();
        assertThat(json.write(event)).doesNotContain("recipient").doesNotContain("\"vmta\"").doesNotContain("null");
    }

    @Test
    void invalidValueFailsNamingTheFieldAndTheReason() {
        String badIp = JsonEdits.with(EventType.QUOTA_CHANGED, "payload.ip", "999.1.1.1");

        assertThatThrownBy(() -> json.read(badIp))
                .isInstanceOf(InvalidEventException.class)
                .hasMessage("QuotaChanged: payload.ip: not an IP address literal: '999.1.1.1'");
    }

    @Test
    void invalidNestedValueNamesItsFullPath() {
        String badRate = JsonEdits.with(EventType.PMTA_CONFIG_REQUESTED, "payload.providerLimits.gmail.maxMsgRate", "100/week");

        assertThatThrownBy(() -> json.read(badRate))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageStartingWith("PmtaConfigRequested: payload.providerLimits.gmail.maxMsgRate: '100/week'");
    }

    @Test
    void unknownEnumValueListsTheAllowedOnes() {
        String badKind = JsonEdits.with(EventType.BOUNCE_RECEIVED, "payload.kind", "HARD");

        assertThatThrownBy(() -> json.read(badKind))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("payload.kind: unknown value 'HARD'")
                .hasMessageContaining("hard, soft, deferral, complaint, block");
    }

    @Test
    void wrongJsonTypeIsReportedWithoutJacksonWording() {
        String textCount = JsonEdits.with(EventType.DELIVERY_REPORT, "payload.delivered", "12");

        assertThatThrownBy(() -> json.read(textCount))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageStartingWith("DeliveryReport: payload.delivered: ")
                .hasMessageNotContaining("com.fasterxml");
    }

    @Test
    void recordLevelRuleViolationNamesThePayload() {
        String reversed = JsonEdits.with(EventType.DELIVERY_REPORT, "payload.windowEnd", "2026-02-08T20:00:00Z");

        assertThatThrownBy(() -> json.read(reversed))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageStartingWith("DeliveryReport: payload: DeliveryReport.windowEnd must be after windowStart");
    }

    @Test
    void unknownTypeFailsWithUnknownEventTypeNamingIt() {
        String foo = JsonEdits.with(EventType.WARMUP_TICK, "type", "Foo");

        assertThatThrownBy(() -> json.read(foo))
                .isInstanceOf(UnknownEventTypeException.class)
                .hasMessage("unknown event type 'Foo'");
    }

    @Test
    void javaClassNameAsTypeIsUnknown() {
        String className = JsonEdits.with(EventType.WARMUP_TICK, "type", WarmupTick.class.getName());

        assertThatThrownBy(() -> json.read(className)).isInstanceOf(UnknownEventTypeException.class);
    }

    @Test
    void unparseableJsonFailsWithLineAndColumn() {
        String broken = "{\n  \"eventId\": \"x\",\n  \"type\" \"WarmupTick\"\n}";

        assertThatThrownBy(() -> json.read(broken))
                .isInstanceOf(InvalidEventException.class)
                .isNotInstanceOf(UnknownEventTypeException.class)
                .hasMessageStartingWith("unparseable JSON at line 3, column");
    }

    @Test
    void unparseableBytesFailTheSameWay() {
        byte[] truncated = Golden.json(EventType.WARMUP_TICK).substring(0, 40).getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> json.read(truncated))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageStartingWith("unparseable JSON");
    }

    @Test
    void duplicateKeysAreRejectedRatherThanGuessed() {
        String duplicated = Golden.json(EventType.WARMUP_TICK)
                .replace("\"producer\": \"warmup-service\",", "\"producer\": \"warmup-service\",\n  \"producer\": \"other\",");

        assertThatThrownBy(() -> json.read(duplicated))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("producer");
    }

    @Test
    void aJsonValueThatIsNotAnObjectIsRejected() {
        assertThatThrownBy(() -> json.read("[1, 2]"))
                .isInstanceOf(InvalidEventException.class)
                .hasMessage("an event must be a JSON object");
    }

    @Test
    void readingAsTheExpectedTypeReturnsTypedEnvelope() {
        EventEnvelope<QuotaChanged> event = json.read(Golden.json(EventType.QUOTA_CHANGED), QuotaChanged.class);

        assertThat(event.payload().ip().value()).isEqualTo("203.0.113.10");
    }

    @Test
    void readingAsAnotherTypeFailsNamingBoth() {
        String bounce = Golden.json(EventType.BOUNCE_RECEIVED);

        assertThatThrownBy(() -> json.read(bounce, QuotaChanged.class))
                .isInstanceOf(InvalidEventException.class)
                .hasMessage("expected event type 'QuotaChanged' but got 'BounceReceived'");
    }

    @Test
    void schemaVersionOtherThanTheTopicsVersionIsRejected() {
        String v2 = JsonEdits.edit(EventType.WARMUP_TICK, "", node -> node.put("schemaVersion", 2));

        assertThatThrownBy(() -> json.read(v2))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("schemaVersion 2");
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void writtenJsonNeverContainsJavaClassNames(EventType type) {
        String written = json.write(json.read(Golden.json(type)));

        assertThat(written).doesNotContain("io.emailengine").doesNotContain("@class").doesNotContain("Provider[");
    }

    @Test
    void mapperIsACopySoCallersCannotChangeTheWireFormat() {
        json.mapper().enable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

        assertThat(json.write(json.read(Golden.json(EventType.WARMUP_TICK)))).contains("\"2026-02-08T21:00:00Z\"");
    }
}
