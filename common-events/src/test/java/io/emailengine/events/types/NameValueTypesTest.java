package io.emailengine.events.types;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.function.Function;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Names flow into PowerMTA config, SQL and Kafka keys: anything outside the whitelist must be refused. */
class NameValueTypesTest {

    static Stream<Arguments> injections() {
        return Stream.<Function<String, Object>>of(TenantId::of, HostId::of, Provider::of, VirtualMtaName::of)
                .flatMap(factory -> Stream.of(
                        "a\nb", "x y", "<virtual-mta>", "a#b", "$HOME", "a\"b", "a'b", "a;b", "a/b", "a\\b", "", "a\rb")
                        .map(input -> Arguments.of(factory, input)));
    }

    @ParameterizedTest
    @MethodSource("injections")
    void injectionAttemptsAreRejected(Function<String, Object> factory, String input) {
        assertThatThrownBy(() -> factory.apply(input)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"acme", "tenant-42", "0"})
    void tenantIdAcceptsLowercaseNames(String value) {
        assertThat(TenantId.of(value).value()).isEqualTo(value);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Acme", "-acme", "acme_corp"})
    void tenantIdRejectsOtherFormsNamingTheTypeAndValue(String value) {
        assertThatThrownBy(() -> TenantId.of(value))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageStartingWith("TenantId: '" + value + "' does not match");
    }

    @ParameterizedTest
    @ValueSource(strings = {"pmta1", "pmta1.example.com", "host_2"})
    void hostIdAcceptsHostLikeNames(String value) {
        assertThat(HostId.of(value).toString()).isEqualTo(value);
    }

    @ParameterizedTest
    @ValueSource(strings = {"v203-0-113-10", "VMTA.pool_1"})
    void virtualMtaNameAcceptsPowerMtaNames(String value) {
        assertThat(VirtualMtaName.of(value).value()).isEqualTo(value);
    }

    @ParameterizedTest
    @ValueSource(strings = {"gmail", "microsoft", "t-online"})
    void providerAcceptsLowercaseNames(String value) {
        assertThat(Provider.of(value).name()).isEqualTo(value);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Gmail", "gmail.com", "a-name-that-is-far-too-long-for-a-provider"})
    void providerRejectsOtherForms(String value) {
        assertThatThrownBy(() -> Provider.of(value)).isInstanceOf(InvalidValueException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\nb"})
    void rejectedControlCharactersAreEscapedInTheMessage(String value) {
        assertThatThrownBy(() -> HostId.of(value)).hasMessageContaining("a\\u000ab").hasMessageNotContaining("\n");
    }
}
