package io.emailengine.mailwizz.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class QuotaWriteTest {

    @Test
    void writesWhenEitherQuotaDiffers() {
        assertThat(QuotaWrite.decide(new DeliveryServerQuota(1, 10, 240, null), 10, 300)).isEqualTo(QuotaWrite.WRITE);
        assertThat(QuotaWrite.decide(new DeliveryServerQuota(1, 10, 240, null), 11, 240)).isEqualTo(QuotaWrite.WRITE);
    }

    @Test
    void sameQuotasAgainIsUnchangedSoReapplyingIsIdempotent() {
        assertThat(QuotaWrite.decide(new DeliveryServerQuota(1, 10, 240, null), 10, 240)).isEqualTo(QuotaWrite.UNCHANGED);
    }

    @Test
    void aServerWithAMailwizzWarmupPlanIsNeverWrittenEvenWhenQuotasDiffer() {
        assertThat(QuotaWrite.decide(new DeliveryServerQuota(1, 10, 240, 3L), 99, 999)).isEqualTo(QuotaWrite.WARMUP_CONFLICT);
        assertThat(QuotaWrite.decide(new DeliveryServerQuota(1, 10, 240, 3L), 10, 240)).isEqualTo(QuotaWrite.WARMUP_CONFLICT);
    }

    @Test
    void missingRowIsReportedNotWritten() {
        assertThat(QuotaWrite.decide(null, 10, 240)).isEqualTo(QuotaWrite.SERVER_MISSING);
    }

    @Test
    void tablePrefixIsWhitelistedBeforeItBecomesSql() {
        assertThat(new TablePrefix("mw_").deliveryServerTable()).isEqualTo("`mw_delivery_server`");
        assertThat(new TablePrefix("").deliveryServerTable()).isEqualTo("`delivery_server`");
        for (String hostile : new String[] {"mw`; DROP TABLE x; --", "mw.", "a b", "x".repeat(33), "mw-"}) {
            assertThatThrownBy(() -> new TablePrefix(hostile)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageNotContaining(hostile);
        }
        assertThatThrownBy(() -> new TablePrefix(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void sendNothingIsWrittenAsOneBecauseMailwizzReadsZeroAsUnlimited() {
        assertThat(QuotaWrite.expressible(0)).isEqualTo(1);
        assertThat(QuotaWrite.expressible(1)).isEqualTo(1);
        assertThat(QuotaWrite.expressible(720)).isEqualTo(720);
    }
}
