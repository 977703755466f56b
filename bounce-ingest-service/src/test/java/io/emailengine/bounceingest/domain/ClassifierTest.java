package io.emailengine.bounceingest.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.emailengine.events.types.Provider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ClassifierTest {

    private final Classifier classifier = new Classifier(SignalTable.defaults());

    @ParameterizedTest(name = "{0} with {1} is {2}")
    @CsvSource({
            "B, bad-mailbox, HARD",
            "B, bad-domain, HARD",
            "B, inactive-mailbox, HARD",
            "RB, bad-mailbox, HARD",
            "B, quota-issues, SOFT",
            "B, message-expired, SOFT",
            "B, my-custom-category, SOFT",
            "T, bad-mailbox, DEFERRAL",
            "TQ, no-answer-from-host, DEFERRAL",
            "RS, quota-issues, DEFERRAL",
            "F, , COMPLAINT",
            "D, , DELIVERED",
            "R, , IGNORED"})
    void classifiesByTypeAndBounceCategory(RecordType type, String category, Outcome expected) {
        assertThat(classifier.classify(type, category, "failed", "smtp;550 no", Provider.OTHER).outcome()).isEqualTo(expected);
    }

    @Test
    void neverSuppressesOnATransientFailureEvenWithAHardCategory() {
        assertThat(classifier.classify(RecordType.T, "bad-mailbox", "delayed", "452 later", Provider.GMAIL).outcome())
                .isEqualTo(Outcome.DEFERRAL);
    }

    @Test
    void remoteStatusReportingSuccessIsNotAnOutcome() {
        assertThat(classifier.classify(RecordType.RS, null, "delivered", "250 ok", Provider.OTHER).outcome())
                .isEqualTo(Outcome.IGNORED);
    }

    @ParameterizedTest(name = "{2}")
    @CsvSource(delimiter = '|', value = {
            "T|gmail|smtp;421-4.7.28 Gmail has detected an unusual rate of unsolicited mail|gmail-421-4.7.28|DEFERRAL",
            "T|gmail|smtp;421-4.7.0 Our system has detected that this message is likely suspicious due to the very low reputation of the sending IP address|gmail-421-4.7.0|DEFERRAL",
            "B|gmail|smtp;550-5.7.1 Our system has detected that this message is likely unsolicited mail|gmail-550-5.7.1|BLOCK",
            "T|yahoo|smtp;421 4.7.0 [TSS04] Messages from 203.0.113.11 temporarily deferred|yahoo-tss04|DEFERRAL",
            "T|yahoo|smtp;421 4.7.0 [TS01] Messages from 203.0.113.11 temporarily deferred|yahoo-ts01|BLOCK",
            "T|yahoo|smtp;421 4.7.0 [TS02] Messages from 203.0.113.11 temporarily deferred|yahoo-ts02|BLOCK",
            "B|yahoo|smtp;554 5.7.9 [TS03] Message from 203.0.113.11 permanently deferred|yahoo-ts03|BLOCK",
            "B|microsoft|smtp;550 5.7.1 Unfortunately, messages from [203.0.113.10] weren't sent. (S3150)|microsoft-s3150|BLOCK",
            "B|microsoft|smtp;550 5.7.1 Unfortunately, messages from [203.0.113.10] weren't sent. (S3140)|microsoft-s3140|BLOCK",
            "T|microsoft|smtp;451 4.7.650 The mail server [203.0.113.10] has been temporarily rate limited due to IP reputation. (S775)|microsoft-s775|DEFERRAL",
            "T|microsoft|smtp;451 4.7.651 The mail server [203.0.113.10] has been temporarily rate limited due to IP reputation. (S3114)|microsoft-s3114|DEFERRAL",
            "T|microsoft|smtp;421 4.3.2 Server busy, please try again later|server-busy|DEFERRAL"})
    void recognisesEveryDefaultProviderSignal(RecordType type, String provider, String diagnostic, String code, Outcome outcome) {
        Classification classification = classifier.classify(type, "policy-related", "failed", diagnostic, Provider.of(provider));

        assertThat(classification.signalCode()).isEqualTo(code);
        assertThat(classification.outcome()).isEqualTo(outcome);
    }

    @Test
    void gmailOnlySignalsDoNotFireForOtherProviders() {
        Classification classification = classifier.classify(RecordType.B, "policy-related", "failed",
                "smtp;550 5.7.1 relaying denied", Provider.OTHER);

        assertThat(classification.signal()).isNull();
        assertThat(classification.outcome()).isEqualTo(Outcome.SOFT);
    }

    @Test
    void signalTableIsConfigurable() {
        Classifier custom = new Classifier(new SignalTable(java.util.List.of(SignalRule.of("acme-throttle", null, "ACME-42", true))));

        Classification classification = custom.classify(RecordType.T, null, "delayed", "421 ACME-42 slow down", Provider.OTHER);

        assertThat(classification.signalCode()).isEqualTo("acme-throttle");
        assertThat(classification.outcome()).isEqualTo(Outcome.BLOCK);
        assertThat(custom.classify(RecordType.T, null, "delayed", "421 [TSS04]", Provider.YAHOO).signal()).isNull();
    }
}
