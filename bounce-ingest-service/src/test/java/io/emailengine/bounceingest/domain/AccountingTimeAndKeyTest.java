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
    void theCommonIsoShapeParsesAsTheJdkParsesIt() {
        // The 24-character shape is computed by position; the JDK's OffsetDateTime is the reference.
        java.time.format.DateTimeFormatter reference = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ssxx");
        for (String text : new String[] {"2026-11-20 08:00:03+0000", "2026-11-20 03:00:03-0500", "2026-11-20 13:30:03+0530",
                "2024-02-29 23:59:59-1145", "1999-12-31 23:59:59+1800", "1970-01-01 00:00:00-1800", "2026-01-01 00:00:00+1400"}) {
            assertThat(AccountingTime.parse(text)).as(text).isEqualTo(java.time.OffsetDateTime.parse(text, reference).toInstant());
        }
    }

    @Test
    void anImpossibleDateOrOffsetInTheIsoShapeIsRejected() {
        for (String text : new String[] {"2026-13-01 08:00:03+0000", "2026-00-01 08:00:03+0000", "2026-11-20 08:60:03+0000", "2026-11-20 08:00:60+0000",
                "2026-11-20 08:00:03+1801", "2026-11-20 08:00:03+1900", "2026-11-20 08:00:03+0060"}) {
            assertThatThrownBy(() -> AccountingTime.parse(text)).as(text)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(text);
        }
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
