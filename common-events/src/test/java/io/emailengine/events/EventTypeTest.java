package io.emailengine.events;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventTypeTest {

    private final EventJson json = new EventJson();

    @ParameterizedTest
    @EnumSource(EventType.class)
    void everyEventTypeHasASchemaAndAGoldenSample(EventType type) {
        assertThat(getClass().getClassLoader().getResource(type.schemaResource())).isNotNull();
        assertThat(getClass().getClassLoader().getResource(Golden.path(type))).isNotNull();
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void topicsAreVersionedAndDeadLetterTopicsAppendDlt(EventType type) {
        assertThat(type.topic()).matches("email-engine\\.[a-z-]+\\.v\\d+");
        assertThat(type.topic()).endsWith(".v" + type.schemaVersion());
        assertThat(type.deadLetterTopic()).isEqualTo(type.topic() + ".dlt");
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void lookupsFindTheSameTypeByNameClassAndTopic(EventType type) {
        assertThat(EventType.ofLogicalName(type.logicalName())).isEqualTo(type);
        assertThat(EventType.of(type.payloadType())).isEqualTo(type);
        assertThat(EventType.ofTopic(type.topic())).contains(type);
        assertThat(EventType.ofTopic(type.deadLetterTopic())).contains(type);
    }

    @Test
    void namesAndTopicsAreUnique() {
        assertThat(Arrays.stream(EventType.values()).map(EventType::logicalName)).doesNotHaveDuplicates();
        assertThat(Arrays.stream(EventType.values()).map(EventType::topic)).doesNotHaveDuplicates();
    }

    @Test
    void unknownNamesAndTopicsAreNotFound() {
        assertThatThrownBy(() -> EventType.ofLogicalName("Foo"))
                .isInstanceOf(UnknownEventTypeException.class)
                .hasMessage("unknown event type 'Foo'");
        assertThat(EventType.ofTopic("email-engine.foo.v1")).isEmpty();
    }

    @Test
    void partitionKeysFollowTheKeyRules() {
        assertThat(read(EventType.QUOTA_CHANGED).key()).isEqualTo("203.0.113.10");
        assertThat(read(EventType.BOUNCE_RECEIVED).key()).isEqualTo("203.0.113.10");
        assertThat(read(EventType.DELIVERY_REPORT).key()).isEqualTo("198.51.100.7");
        assertThat(read(EventType.ALERT_RAISED).key()).isEqualTo("0ebfad03cc23172de46ef7808fa6acdf");
        assertThat(read(EventType.PMTA_CONFIG_REQUESTED).key()).isEqualTo("pmta1.example.com");
        assertThat(read(EventType.WARMUP_TICK).key()).isEqualTo("warmup-clock");
        assertThat(read(EventType.DKIM_KEY_PUBLISHED).key()).isEqualTo("s2026._domainkey.example.com");
    }

    private EventEnvelope<?> read(EventType type) {
        return json.read(Golden.json(type));
    }
}
