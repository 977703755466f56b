package io.emailengine.pmtaconfig.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every field that reaches the generated file, fed every character that could start a directive,
 * a block, a comment, a macro or a quoted value: each is refused by the whitelist, so the file can
 * never gain a directive or block.
 */
class ConfigInjectionTest {

    private static final List<String> PAYLOADS = List.of("\n", "\r", "\r\n", "<", ">", "#", "$", "\"", "'", "\\",
            "{name}", " ", "\t", ",", "\u0000", "\n</virtual-mta>\n<virtual-mta evil>\n",
            "\nsmtp-source-host 198.51.100.66 evil.example.com", "$(reboot)", "`id`", ";rm -rf /");

    private record Field(String name, Function<String, Runnable> build) {
    }

    private static final List<Field> FIELDS = List.of(
            field("vmta.name", v -> vmta(v, "203.0.113.10", "mta.example.com", "example.com", "s2026", "tenant-a", "gmail", "1/h")),
            field("vmta.ip", v -> vmta("v1", v, "mta.example.com", "example.com", "s2026", "tenant-a", "gmail", "1/h")),
            field("vmta.heloHostname", v -> vmta("v1", "203.0.113.10", v, "example.com", "s2026", "tenant-a", "gmail", "1/h")),
            field("vmta.sendingDomain", v -> vmta("v1", "203.0.113.10", "mta.example.com", v, "s2026", "tenant-a", "gmail", "1/h")),
            field("vmta.dkimSelector", v -> vmta("v1", "203.0.113.10", "mta.example.com", "example.com", v, "tenant-a", "gmail", "1/h")),
            field("vmta.pool", v -> vmta("v1", "203.0.113.10", "mta.example.com", "example.com", "s2026", v, "gmail", "1/h")),
            field("providerLimits key", v -> vmta("v1", "203.0.113.10", "mta.example.com", "example.com", "s2026", "t", v, "1/h")),
            field("maxMsgRate", v -> vmta("v1", "203.0.113.10", "mta.example.com", "example.com", "s2026", "t", "gmail", v)),
            field("pausedProviders", v -> () -> VmtaState.of("v1", "203.0.113.10", "mta.example.com", "example.com", "s2026", "t",
                    Map.of(), Set.of(v))),
            field("dkimKeyDir", v -> () -> new RenderSettings(v, "/var/log/pmta/a.csv", "5m", "50M")),
            field("accountingFile", v -> () -> new RenderSettings("/etc/pmta/dkim", v, "5m", "50M")),
            field("accountingMoveInterval", v -> () -> new RenderSettings("/etc/pmta/dkim", "/var/log/pmta/a.csv", v, "50M")),
            field("accountingMaxSize", v -> () -> new RenderSettings("/etc/pmta/dkim", "/var/log/pmta/a.csv", "5m", v)),
            field("provider", v -> () -> new ProviderRoute(v, List.of(), List.of())),
            field("provider gmail domain", v -> () -> new ProviderRoute("gmail", List.of(v), List.of())),
            field("hostId", v -> () -> RenderFixtures.renderer().render(v, 1, List.of())));

    private static Field field(String name, Function<String, Runnable> build) {
        return new Field(name, build);
    }

    private static Runnable vmta(String name, String ip, String helo, String domain, String selector, String pool,
                                 String provider, String rate) {
        return () -> RenderFixtures.renderer().render("pmta-1", 1, List.of(VmtaState.of(name, ip, helo, domain,
                selector, pool, Map.of(provider, new VmtaLimits(rate, 1, 1)), Set.of())));
    }

    static Stream<Arguments> attempts() {
        List<Arguments> attempts = new ArrayList<>();
        for (Field field : FIELDS) {
            for (String payload : PAYLOADS) {
                attempts.add(Arguments.of(field.name(), payload, "in the middle"));
                attempts.add(Arguments.of(field.name(), payload, "at the end"));
            }
        }
        return attempts.stream();
    }

    @ParameterizedTest(name = "{0} with {1} {2}")
    @MethodSource("attempts")
    void injectionAttemptIsRejectedBeforeRendering(String fieldName, String payload, String where) {
        Field field = FIELDS.stream().filter(f -> f.name().equals(fieldName)).findFirst().orElseThrow();
        String value = validValueOf(fieldName);
        String attack = where.equals("at the end") ? value + payload
                : value.substring(0, value.length() / 2) + payload + value.substring(value.length() / 2);

        assertThatThrownBy(() -> field.build().apply(attack).run())
                .isInstanceOf(InvalidConfigValueException.class)
                .satisfies(e -> assertThat(((InvalidConfigValueException) e).field()).startsWith(fieldName.split(" ")[0]))
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n", "\r"));
    }

    @ParameterizedTest(name = "{0} valid")
    @MethodSource("fieldNames")
    void theBaselineValueOfEveryFieldIsAccepted(String fieldName) {
        Field field = FIELDS.stream().filter(f -> f.name().equals(fieldName)).findFirst().orElseThrow();

        field.build().apply(validValueOf(fieldName)).run();

        assertThat(validValueOf(fieldName)).isNotBlank();
    }

    static Stream<String> fieldNames() {
        return FIELDS.stream().map(Field::name);
    }

    private static String validValueOf(String field) {
        return switch (field) {
            case "vmta.name" -> "v203-0-113-10";
            case "vmta.ip" -> "203.0.113.10";
            case "vmta.heloHostname" -> "mta10.example.com";
            case "vmta.sendingDomain", "provider gmail domain" -> "example.com";
            case "vmta.dkimSelector" -> "s2026";
            case "vmta.pool" -> "tenant-a";
            case "providerLimits key", "pausedProviders", "provider" -> "gmail";
            case "maxMsgRate" -> "1200/h";
            case "dkimKeyDir" -> "/etc/pmta/dkim";
            case "accountingFile" -> "/var/log/pmta/acct.csv";
            case "accountingMoveInterval" -> "5m";
            case "accountingMaxSize" -> "50M";
            case "hostId" -> "pmta-1";
            default -> throw new IllegalArgumentException(field);
        };
    }
}
