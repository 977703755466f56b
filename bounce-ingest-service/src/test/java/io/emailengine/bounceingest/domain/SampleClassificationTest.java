package io.emailengine.bounceingest.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.emailengine.bounceingest.application.parse.AccountingCsvReader;
import io.emailengine.bounceingest.application.parse.RecordSink;
import io.emailengine.events.provider.ProviderCatalogue;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every sample file ingests with exactly the expected classification, provider and signal. */
class SampleClassificationTest {

    private final RecordInterpreter interpreter = new RecordInterpreter(new Classifier(SignalTable.defaults()),
            new ProviderResolver(ProviderCatalogue.defaults()));

    @Test
    void deliveryFileClassifiesEachRecordTypeCategoryAndSignal() throws IOException {
        assertThat(interpret("acct-2026-11-20-0000.csv"))
                .extracting(r -> r.type().code(), r -> r.recipient(), InterpretedRecord::outcome, r -> r.provider().name(),
                        r -> r.classification().signalCode(), InterpretedRecord::dsnStatus)
                .containsExactly(
                        tuple("d", "alice@gmail.com", Outcome.DELIVERED, "gmail", null, "2.0.0"),
                        tuple("d", "bob@hotmail.com", Outcome.DELIVERED, "microsoft", null, "2.0.0"),
                        tuple("b", "no.such.user@gmail.com", Outcome.HARD, "gmail", null, "5.1.1"),
                        tuple("t", "carol@yahoo.com", Outcome.DEFERRAL, "yahoo", "yahoo-tss04", "4.7.0"),
                        tuple("b", "dave@example.org", Outcome.SOFT, "other", null, "4.4.7"),
                        tuple("t", "erin@outlook.com", Outcome.DEFERRAL, "microsoft", "microsoft-s775", "4.7.650"),
                        tuple("b", "frank@gone-domain.example", Outcome.HARD, "other", null, "5.1.2"),
                        tuple("t", "grace@gmail.com", Outcome.DEFERRAL, "gmail", "gmail-421-4.7.28", "4.7.28"),
                        tuple("b", "heidi@gmx.example", Outcome.SOFT, "other", null, "5.2.2"));
    }

    @Test
    void deliveryFileCarriesSourceIpVmtaMessageIdAndJob() throws IOException {
        InterpretedRecord hard = interpret("acct-2026-11-20-0000.csv").get(2);

        assertThat(hard.ip().value()).isEqualTo("203.0.113.10");
        assertThat(hard.vmta().value()).isEqualTo("v203-0-113-10");
        assertThat(hard.messageId()).isEqualTo("<20261120075958.3.cmp-8f2a@mail1.example.com>");
        assertThat(hard.jobId()).isEqualTo("cmp-8f2a");
        assertThat(hard.bounceCategory()).isEqualTo("bad-mailbox");
        assertThat(hard.loggedAt()).hasToString("2026-11-20T08:00:03Z");
    }

    @Test
    void feedbackFileGivesComplaintsAttributedToYahooAndJmrpToMicrosoft() throws IOException {
        assertThat(interpret("acct-fbl-2026-11-20-0100.csv"))
                .extracting(InterpretedRecord::outcome, r -> r.provider().name(), r -> r.ip().value(), InterpretedRecord::messageId)
                .containsExactly(
                        tuple(Outcome.COMPLAINT, "yahoo", "203.0.113.11", "<20261120080101.12.cmp-77c1@mail2.example.net>"),
                        tuple(Outcome.COMPLAINT, "microsoft", "203.0.113.10", "<20261120075958.2.cmp-8f2a@mail1.example.com>"));
    }

    @Test
    void remoteBounceFileGivesHardForBadMailboxAndDeferralForDelayedStatusWithoutSourceIp() throws IOException {
        assertThat(interpret("acct-remote-bounce-2026-11-20-0200.csv"))
                .extracting(r -> r.type().code(), InterpretedRecord::outcome, InterpretedRecord::ip, InterpretedRecord::dsnStatus)
                .containsExactly(
                        tuple("rb", Outcome.HARD, null, "5.1.1"),
                        tuple("rs", Outcome.DEFERRAL, null, "4.2.2"));
    }

    private List<InterpretedRecord> interpret(String sample) throws IOException {
        List<InterpretedRecord> out = new ArrayList<>();
        try (var in = new InputStreamReader(getClass().getResourceAsStream("/acct/" + sample), StandardCharsets.UTF_8)) {
            new AccountingCsvReader(65536).read(in, 1, null, new RecordSink() {
                @Override
                public void record(AccountingRecord record) {
                    out.add(interpreter.interpret(record));
                }

                @Override
                public void rejected(RejectedLine line) {
                    throw new AssertionError("sample line rejected: " + line);
                }
            });
        }
        return out;
    }
}
