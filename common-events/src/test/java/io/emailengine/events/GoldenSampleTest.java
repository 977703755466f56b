package io.emailengine.events;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The golden files are the wire format: a rename or reorder of any field breaks these tests. */
class GoldenSampleTest {

    private final EventJson json = new EventJson();

    @ParameterizedTest
    @EnumSource(EventType.class)
    void roundTripOfEveryGoldenSampleReproducesTheFileExactly(EventType type) {
        String golden = Golden.json(type);

        EventEnvelope<?> event = json.read(golden);

        assertThat(event.eventType()).isEqualTo(type);
        assertThat(json.writePretty(event)).isEqualTo(golden);
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void readingWhatWasWrittenGivesAnEqualEvent(EventType type) {
        EventEnvelope<?> event = json.read(Golden.json(type));

        assertThat(json.read(json.write(event))).isEqualTo(event);
        assertThat(json.read(json.writeBytes(event))).isEqualTo(event);
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void compactAndPrettyFormsCarryTheSameJson(EventType type) throws Exception {
        EventEnvelope<?> event = json.read(Golden.json(type));

        assertThat(json.mapper().readTree(json.write(event)))
                .isEqualTo(json.mapper().readTree(Golden.json(type)));
    }
}
