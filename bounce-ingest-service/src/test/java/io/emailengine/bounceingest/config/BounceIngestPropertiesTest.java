package io.emailengine.bounceingest.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.emailengine.bounceingest.domain.SignalTable;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class BounceIngestPropertiesTest {

    @Test
    void defaultsApplyWhenNothingIsConfigured() {
        BounceIngestProperties properties = bind(Map.of("email-engine.bounce-ingest.batch-size", "2000"));

        assertThat(properties.window()).isEqualTo(Duration.ofMinutes(5));
        assertThat(properties.maxLineChars()).isEqualTo(65536);
        assertThat(properties.signalTable().rules()).isEqualTo(SignalTable.DEFAULT_RULES);
        assertThat(properties.pull().enabled()).isFalse();
        assertThat(properties.pull().chunkBytes()).isEqualTo(4 * 1024 * 1024);
    }

    @Test
    void configuredSignalsReplaceTheBuiltInTable() {
        BounceIngestProperties properties = bind(Map.of(
                "email-engine.bounce-ingest.signals[0].code", "acme-throttle",
                "email-engine.bounce-ingest.signals[0].provider", "other",
                "email-engine.bounce-ingest.signals[0].pattern", "ACME-\\d+",
                "email-engine.bounce-ingest.signals[0].block", "true",
                "email-engine.bounce-ingest.window", "10m"));

        assertThat(properties.signalTable().rules()).singleElement().satisfies(rule -> {
            assertThat(rule.code()).isEqualTo("acme-throttle");
            assertThat(rule.block()).isTrue();
            assertThat(rule.pattern().matcher("421 ACME-42").find()).isTrue();
        });
        assertThat(properties.window()).isEqualTo(Duration.ofMinutes(10));
    }

    private static BounceIngestProperties bind(Map<String, String> settings) {
        return new Binder(new MapConfigurationPropertySource(settings))
                .bind("email-engine.bounce-ingest", BounceIngestProperties.class).get();
    }
}
