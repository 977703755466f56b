package io.emailengine.deploychecks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UsedMetricsTest {

    @Test
    void findsMetricNamesButNotFunctionsLabelsKeywordsOrDurations() {
        assertThat(UsedMetrics.metricsOf(
                "sum by (service, topic) (increase(email_engine_dead_letters_total{service=~\"$service\"}[10m])) > 0"))
                .containsExactly("email_engine_dead_letters_total");
        assertThat(UsedMetrics.metricsOf("max by (service) (email_engine_outbox_lag_seconds) > 60 and on(service) up == 1"))
                .containsExactly("email_engine_outbox_lag_seconds");
        assertThat(UsedMetrics.metricsOf("a_total / ignoring(kind) (b_total + c_total) * 100"))
                .containsExactly("a_total", "b_total", "c_total");
    }
}
