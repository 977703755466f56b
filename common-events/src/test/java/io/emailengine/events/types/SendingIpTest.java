package io.emailengine.events.types;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SendingIpTest {

    @ParameterizedTest
    @ValueSource(strings = {"203.0.113.10", "0.0.0.0", "255.255.255.255", "198.51.100.7"})
    void acceptsDottedQuads(String literal) {
        SendingIp ip = SendingIp.of(literal);

        assertThat(ip.value()).isEqualTo(literal);
        assertThat(ip.isIpv6()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"999.1.1.1", "256.0.0.1", "1.2.3", "1.2.3.4.5", "010.1.1.1", "1.2.3.-4", "1..2.3",
            "mail.example.com", "localhost", "example.com", " 1.2.3.4", "1.2.3.4 ", "", "2001:db8::1%eth0",
            "2001:db8:::1", "1:2:3:4:5:6:7:8:9", "2001:db8::g", "::1::", "12345::", "1:2:3:4:5:6:7", "[::1]"})
    void rejectsHostnamesAndMalformedLiterals(String literal) {
        assertThatThrownBy(() -> SendingIp.of(literal))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageStartingWith("SendingIp: not an IP address literal:");
    }

    @Test
    void rejectionMessageQuotesTheValue() {
        assertThatThrownBy(() -> SendingIp.of("999.1.1.1"))
                .hasMessage("SendingIp: not an IP address literal: '999.1.1.1'");
    }

    @ParameterizedTest
    @CsvSource({
            "2001:DB8:0:0:0:0:0:1, 2001:db8::1",
            "2001:0db8:0000:0000:0000:0000:0000:0001, 2001:db8::1",
            "2001:db8:0:0:1:0:0:1, 2001:db8::1:0:0:1",
            "2001:db8::0:1, 2001:db8::1",
            "2001:db8:0:1:1:1:1:1, 2001:db8:0:1:1:1:1:1",
            "0:0:0:0:0:0:0:0, ::",
            "::1, ::1",
            "fe80::, fe80::",
            "::ffff:192.0.2.1, ::ffff:c000:201",
    })
    void normalisesIpv6ToCompressedLowercase(String literal, String normalised) {
        SendingIp ip = SendingIp.of(literal);

        assertThat(ip.value()).isEqualTo(normalised);
        assertThat(ip.isIpv6()).isTrue();
        assertThat(SendingIp.of(normalised)).isEqualTo(ip);
    }
}
