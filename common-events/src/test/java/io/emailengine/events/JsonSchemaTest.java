package io.emailengine.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The checked-in schemas are what outside producers code against: they must agree with the records. */
class JsonSchemaTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);

    @ParameterizedTest
    @EnumSource(EventType.class)
    void everyGoldenSampleIsValidAgainstItsSchema(EventType type) {
        assertThat(validate(type, Golden.json(type))).isEmpty();
    }

    @ParameterizedTest(name = "{0} without {1}")
    @CsvSource({
            "QUOTA_CHANGED, payload.ip",
            "QUOTA_CHANGED, eventId",
            "BOUNCE_RECEIVED, payload.loggedAt",
            "PMTA_CONFIG_REQUESTED, payload.vmta.dkimSelector",
            "ALERT_RAISED, payload.status",
            "DKIM_KEY_PUBLISHED, payload.publicKey",
    })
    void sampleMissingARequiredFieldFailsValidation(EventType type, String path) {
        assertThat(validate(type, JsonEdits.without(type, path)))
                .anySatisfy(message -> assertThat(message.getMessage()).contains(path.substring(path.lastIndexOf('.') + 1)));
    }

    @ParameterizedTest(name = "{0} with {1} = {2}")
    @CsvSource({
            "QUOTA_CHANGED, payload.ip, 999.1.1.1",
            "BOUNCE_RECEIVED, payload.ip, mail.example.com",
            "BOUNCE_RECEIVED, payload.kind, HARD",
            "PMTA_CONFIG_REQUESTED, payload.vmta.name, 'v1 bad'",
            "PMTA_CONFIG_REQUESTED, payload.providerLimits.gmail.maxMsgRate, 100/week",
            "ALERT_RAISED, type, QuotaChanged",
            "WARMUP_TICK, tenantId, Acme",
            "DKIM_KEY_PUBLISHED, payload.status, ACTIVE",
            "DKIM_KEY_PUBLISHED, payload.publicKey, 'MIIBIjANBgkqhkiG9w0B AQEFAAOC'",
            "DKIM_KEY_PUBLISHED, payload.selector, 's1;x'",
    })
    void sampleWithAnInvalidValueFailsValidation(EventType type, String path, String value) {
        assertThat(validate(type, JsonEdits.with(type, path, value))).isNotEmpty();
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void schemaAllowsUnknownFields(EventType type) {
        String extended = JsonEdits.edit(type, "payload", node -> node.put("addedLater", "x"));

        assertThat(validate(type, extended)).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void schemaRequiresExactlyTheFieldsTheRecordsRequire(EventType type) {
        JsonNode schema = schema(type);

        assertAgrees(schema, EventEnvelope.class, type, "");
    }

    private static void assertAgrees(JsonNode schema, Class<?> record, EventType type, String path) {
        List<String> required = new ArrayList<>();
        List<String> all = new ArrayList<>();
        for (RecordComponent component : record.getRecordComponents()) {
            all.add(component.getName());
            if (!component.isAnnotationPresent(OptionalField.class)) {
                required.add(component.getName());
            }
            JsonNode property = schema.path("properties").path(component.getName());
            Class<?> componentType = component.getName().equals("payload") ? type.payloadType() : component.getType();
            if (componentType.isRecord() && property.has("properties")) {
                assertAgrees(property, componentType, type, path + component.getName() + ".");
            } else if (Map.class.isAssignableFrom(componentType)
                    && ((ParameterizedType) component.getGenericType()).getActualTypeArguments()[1] instanceof Class<?> value
                    && value.isRecord()) {
                assertAgrees(property.path("additionalProperties"), value, type, path + component.getName() + ".*.");
            }
        }
        assertThat(MAPPER.convertValue(schema.path("required"), List.class))
                .as("required fields of %s in %s", path.isEmpty() ? "envelope" : path, type.schemaResource())
                .containsExactlyInAnyOrderElementsOf(required);
        assertThat(MAPPER.convertValue(schema.path("properties"), Map.class).keySet())
                .as("documented fields of %s in %s", path.isEmpty() ? "envelope" : path, type.schemaResource())
                .containsExactlyInAnyOrderElementsOf(all);
    }

    private static Set<ValidationMessage> validate(EventType type, String json) {
        try {
            JsonSchema schema = FACTORY.getSchema(schema(type));
            return schema.validate(MAPPER.readTree(json));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode schema(EventType type) {
        try {
            return MAPPER.readTree(Golden.resource(type.schemaResource()));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
