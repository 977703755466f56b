package io.emailengine.alerting.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.emailengine.events.Severity;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RoutingAndBackoffTest {

    private final RouteTable routes = new RouteTable(List.of(
            new Route("tenant-a", Set.of(Severity.CRITICAL), -1001234567890L, 7L),
            new Route("tenant-a", Set.of(), 555L, null)), -999L, 3L, Set.of(Severity.INFO));

    @Test
    void routesByTenantAndSeverityWith64BitChatIdsAndTopics() {
        assertThat(routes.destinationOf("tenant-a", Severity.CRITICAL)).isEqualTo(new Destination(-1001234567890L, 7L, false));
        assertThat(routes.destinationOf("tenant-a", Severity.WARNING)).isEqualTo(new Destination(555L, null, false));
    }

    @Test
    void lowSeverityIsSilentAndSystemOrUnroutedAlertsGoToTheAdminChat() {
        assertThat(routes.destinationOf("tenant-a", Severity.INFO)).isEqualTo(new Destination(555L, null, true));
        assertThat(routes.destinationOf(null, Severity.CRITICAL)).isEqualTo(new Destination(-999L, 3L, false));
        assertThat(routes.destinationOf("tenant-z", Severity.WARNING)).isEqualTo(new Destination(-999L, 3L, false));
    }

    @Test
    void groupKeySeparatesTenantsRoutesAndAlertnames() {
        Destination chat = new Destination(1, null, false);
        assertThat(GroupKey.of("a", chat, "X")).isEqualTo(GroupKey.of("a", chat, "X")).hasSize(34);
        assertThat(GroupKey.of("a", chat, "X")).isNotEqualTo(GroupKey.of("b", chat, "X"))
                .isNotEqualTo(GroupKey.of("a", chat.withChat(2), "X")).isNotEqualTo(GroupKey.of("a", chat, "Y"));
    }

    @Test
    void backoffDoublesAndIsCapped() {
        RetryBackoff backoff = new RetryBackoff(Duration.ofSeconds(2), Duration.ofMinutes(5));
        assertThat(backoff.delayAfter(1)).isEqualTo(Duration.ofSeconds(2));
        assertThat(backoff.delayAfter(3)).isEqualTo(Duration.ofSeconds(8));
        assertThat(backoff.delayAfter(50)).isEqualTo(Duration.ofMinutes(5));
    }
}
