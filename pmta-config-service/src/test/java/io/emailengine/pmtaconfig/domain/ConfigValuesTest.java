package io.emailengine.pmtaconfig.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ConfigValuesTest {

    @Test
    void internationalDomainIsWrittenInItsLowercasePunycodeForm() {
        assertThat(ConfigValues.domain("d", "Bücher.Example")).isEqualTo("xn--bcher-kva.example");
        assertThat(ConfigValues.domain("d", "MAIL1.Example.COM")).isEqualTo("mail1.example.com");
    }

    @ParameterizedTest
    @ValueSource(strings = {"example", "-a.example.com", "a..example.com", "a_b.example.com", "xn--zz.example", "a.example.com."})
    void domainOutsideLetterDigitHyphenLabelsIsRefused(String domain) {
        assertThatThrownBy(() -> ConfigValues.domain("sendingDomain", domain))
                .isInstanceOf(InvalidConfigValueException.class)
                .hasMessageStartingWith("sendingDomain: ");
    }

    @Test
    void ipIsParsedAndWrittenCanonically() {
        assertThat(ConfigValues.ip("ip", "2001:DB8:0:0:0:0:0:1")).isEqualTo("2001:db8::1");
        assertThatThrownBy(() -> ConfigValues.ip("ip", "010.1.1.1")).isInstanceOf(InvalidConfigValueException.class);
        assertThatThrownBy(() -> ConfigValues.ip("ip", "mta.example.com")).isInstanceOf(InvalidConfigValueException.class);
    }

    @Test
    void rateIsWrittenInCanonicalPowerMtaForm() {
        assertThat(ConfigValues.rate("r", "120/60m")).isEqualTo("120/h");
        assertThat(ConfigValues.rate("r", "83/10min")).isEqualTo("83/10m");
        assertThatThrownBy(() -> ConfigValues.rate("r", "100/hour")).isInstanceOf(InvalidConfigValueException.class);
        assertThatThrownBy(() -> ConfigValues.rate("r", " 100/h")).isInstanceOf(InvalidConfigValueException.class);
    }

    @Test
    void intervalFollowsPowerMtaGrammar() {
        assertThat(ConfigValues.interval("i", "4d12h")).isEqualTo("4d12h");
        assertThatThrownBy(() -> ConfigValues.interval("i", "10 m")).isInstanceOf(InvalidConfigValueException.class);
        assertThatThrownBy(() -> ConfigValues.interval("i", "0m")).isInstanceOf(InvalidConfigValueException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"etc/pmta/x.conf", "/etc/pmta/../shadow", "/etc/./pmta", "/etc/pmta/", "/etc/pmta/a b", "/etc/pmta/*.conf"})
    void pathMustBeAbsoluteWithoutParentSegmentsOrSpecialCharacters(String path) {
        assertThatThrownBy(() -> ConfigValues.path("includePath", path)).isInstanceOf(InvalidConfigValueException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"pmta reload; rm -rf /", "pmta $(id)", "pmta  reload", "pmta reload && x", "pmta `id`",
            "pmta reload\n", "pmta 'reload'", "pmta reload | tee", "pmta > /tmp/x"})
    void commandWithAnythingAShellInterpretsIsRefused(String command) {
        assertThatThrownBy(() -> ConfigValues.command("reloadCommand", command))
                .isInstanceOf(InvalidConfigValueException.class)
                .extracting(e -> ((InvalidConfigValueException) e).field()).isEqualTo("reloadCommand");
    }

    @Test
    void plainCommandsAreAccepted() {
        assertThat(ConfigValues.command("c", "sudo -n /usr/sbin/pmta --json show vmtas"))
                .isEqualTo("sudo -n /usr/sbin/pmta --json show vmtas");
    }

    @Test
    void rejectedValueIsEchoedWithoutRawControlCharacters() {
        assertThatThrownBy(() -> ConfigValues.vmtaName("vmta.name", "a\nb"))
                .hasMessage("vmta.name: 'a\\u000ab' must match [A-Za-z0-9._-]{1,64}");
    }
}
