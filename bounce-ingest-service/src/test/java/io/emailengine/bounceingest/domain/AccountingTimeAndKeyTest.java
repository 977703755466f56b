package io.emailengine.bounceingest.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AccountingTimeAndKeyTest {

    @Test
    void parsesIsoAndUnixTimesToTheSameInstant() {
        assertThat(AccountingTime.parse("2026-11-20 08:00:03+0000")).isEqualTo(Instant.parse("2026-11-20T08:00:03Z"));
        assertThat(AccountingTime.parse("2026-11-20 09:00:03+0100")).isEqualTo(Instant.parse("2026-11-20T08:00:03Z"));
        assertThat(AccountingTime.parse("1763625603")).isEqualTo(Instant.parse("2025-11-20T08:00:03Z"));
        assertThat(AccountingTime.parse("1763625603.25")).isEqualTo(Instant.parse("2025-11-20T08:00:03.25Z"));
        assertThat(AccountingTime.parse("2026-11-20T08:00:03Z")).isEqualTo(Instant.parse("2026-11-20T08:00:03Z"));
    }

    @Test
    void rejectsTextThatIsNoTime() {
        assertThatThrownBy(() -> AccountingTime.parse("yesterday")).hasMessageContaining("'yesterday'");
        assertThatThrownBy(() -> AccountingTime.parse("")).hasMessage("time is missing");
    }

    @Test
    void extractsTheEnhancedStatusCode() {
        assertThat(DsnStatus.codeOf("5.1.1 (bad destination mailbox address)")).isEqualTo("5.1.1");
        assertThat(DsnStatus.codeOf("4.7.650 (other)")).isEqualTo("4.7.650");
        assertThat(DsnStatus.codeOf("2.0.0")).isEqualTo("2.0.0");
        assertThat(DsnStatus.codeOf("success")).isNull();
        assertThat(DsnStatus.codeOf("5.1.1x")).isNull();
    }

    @Test
    void recordKeyIgnoresColumnOrderAndTimeFormatButNotContent() {
        Instant at = Instant.parse("2026-11-20T08:00:03Z");
        AccountingRecord csv = new AccountingRecord(2, Map.of("type", "b", "timeLogged", "2026-11-20 08:00:03+0000", "rcpt", "a@x"));
        AccountingRecord json = new AccountingRecord(7, Map.of("rcpt", "a@x", "timeLogged", "1795161603", "type", "b"));
        AccountingRecord other = new AccountingRecord(2, Map.of("type", "b", "timeLogged", "2026-11-20 08:00:03+0000", "rcpt", "b@x"));

        assertThat(RecordKey.of(csv, at)).isEqualTo(RecordKey.of(json, at));
        assertThat(RecordKey.of(csv, at)).isNotEqualTo(RecordKey.of(other, at));
        assertThat(RecordKey.of(csv, at).version()).isEqualTo(8);
    }
}
