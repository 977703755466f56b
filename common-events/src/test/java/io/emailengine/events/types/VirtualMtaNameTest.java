package io.emailengine.events.types;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class VirtualMtaNameTest {

    @Test
    void nameForIpv4ReplacesDotsWithHyphens() {
        assertThat(VirtualMtaName.forIp(SendingIp.of("203.0.113.10")).value()).isEqualTo("v203-0-113-10");
    }

    @Test
    void nameForIpv6ListsAllEightGroups() {
        assertThat(VirtualMtaName.forIp(SendingIp.of("2001:DB8::1")).value()).isEqualTo("v6-2001-db8-0-0-0-0-0-1");
    }
}
