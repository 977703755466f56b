package io.emailengine.warmup.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SendingIpSpecTest {

    @Test
    void derivesTheVirtualMtaNameAndNormalisesNames() {
        SendingIpSpec spec = SendingIpSpec.parse("2001:DB8:0:0::1", "MTA1.Example.com", "Example.COM", "s2048", "pmta-1",
                null, "warm", null).spec();

        assertThat(spec.ip().value()).isEqualTo("2001:db8::1");
        assertThat(spec.vmta().value()).isEqualTo("v6-2001-db8-0-0-0-0-0-1");
        assertThat(spec.heloHostname()).isEqualTo("mta1.example.com");
        assertThat(spec.sendingDomain()).isEqualTo("example.com");
        assertThat(spec.sendingHours()).isEqualTo(24);
    }

    @Test
    void keepsAnExplicitVirtualMtaName() {
        assertThat(SendingIpSpec.parse("203.0.113.10", "mta1.example.com", "example.com", "s1", "pmta-1", "legacy_vmta1",
                null, 12).spec().vmta().value()).isEqualTo("legacy_vmta1");
    }

    @Test
    void reportsEveryBadFieldWithItsReason() {
        SendingIpSpec.Parsed parsed = SendingIpSpec.parse("010.1.1.1", "localhost", "exa mple.com", "bad;sel", "PMTA 1",
                "v;rm -rf", "p/1", 0);

        assertThat(parsed.valid()).isFalse();
        assertThat(parsed.problems()).extracting(FieldProblem::field)
                .containsExactly("ip", "heloHostname", "sendingDomain", "dkimSelector", "hostId", "vmta", "pool", "sendingHours");
        assertThat(parsed.problems().get(1).reason()).isEqualTo("must be a hostname of LDH labels with at least two labels, was 'localhost'");
    }

    @Test
    void missingRequiredFieldsAreNamed() {
        assertThat(SendingIpSpec.parse(null, null, null, null, null, null, null, null).problems())
                .extracting(FieldProblem::field, FieldProblem::reason)
                .contains(org.assertj.core.groups.Tuple.tuple("ip", "is required"),
                        org.assertj.core.groups.Tuple.tuple("hostId", "is required"));
    }
}
