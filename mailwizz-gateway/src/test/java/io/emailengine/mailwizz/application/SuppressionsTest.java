package io.emailengine.mailwizz.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.emailengine.events.Severity;
import io.emailengine.events.types.TenantId;
import io.emailengine.mailwizz.application.MailwizzApi.DeliveryLog;
import io.emailengine.mailwizz.application.MailwizzCallException.Kind;
import io.emailengine.mailwizz.application.SuppressionStore.Action;
import io.emailengine.mailwizz.application.SuppressionStore.PendingSuppression;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.support.TransactionOperations;

class SuppressionsTest {

    private static final TenantId TENANT = new TenantId("tenant-a");
    private static final Instant NOW = Instant.parse("2026-11-20T10:00:00Z");

    private final MailwizzApi api = mock(MailwizzApi.class);
    private final GatewayAlerts alerts = mock(GatewayAlerts.class);
    private final RecordingStore store = new RecordingStore();
    private final Suppressions suppressions = new Suppressions(store, api, alerts, TransactionOperations.withoutTransaction(),
            Clock.fixed(NOW, ZoneOffset.UTC), new SimpleMeterRegistry(), tenant -> false, 10, Duration.ofSeconds(5),
            Duration.ofSeconds(60), Duration.ofDays(30));

    @Test
    void complaintWithOnlyAMessageIdUnsubscribesTheAddressFromTheDeliveryLog() {
        store.due.add(new PendingSuppression(1, TENANT, Action.COMPLAINT, null, "<m@x>", null, 0));
        when(api.deliveryLogByMessageId(TENANT, "<m@x>")).thenReturn(Optional.of(new DeliveryLog("c", "s", "fbl@example.com")));
        when(api.unsubscribeFromAllLists(TENANT, "fbl@example.com")).thenReturn(true);

        suppressions.processDue();

        assertThat(store.finished).containsExactly("1:done:unsubscribed");
    }

    @Test
    void authFailureIsNotRetriedAndRaisesACriticalAlert() {
        store.due.add(new PendingSuppression(2, TENANT, Action.COMPLAINT, "a@b.c", null, null, 0));
        when(api.unsubscribeFromAllLists(TENANT, "a@b.c")).thenThrow(new MailwizzCallException(Kind.AUTH, 400, "refused"));

        suppressions.processDue();

        assertThat(store.finished).containsExactly("2:failed:auth");
        assertThat(store.retried).isEmpty();
        verify(alerts).fire(eq(TENANT), eq("mailwizz-auth-failed"), eq(Severity.CRITICAL), anyString(), anyString(), any());
    }

    @Test
    void unavailableMailwizzIsRetriedWithExponentialBackoffCappedAtTheMaximum() {
        store.due.add(new PendingSuppression(3, TENANT, Action.HARD_BOUNCE, "a@b.c", "<m@x>", null, 2));
        store.due.add(new PendingSuppression(4, TENANT, Action.HARD_BOUNCE, "a@b.c", "<m@x>", null, 9));
        when(api.deliveryLogByMessageId(TENANT, "<m@x>")).thenThrow(new MailwizzCallException(Kind.UNAVAILABLE, 503, "offline"));

        suppressions.processDue();

        assertThat(store.retried).containsExactly("3@" + NOW.plusSeconds(20), "4@" + NOW.plusSeconds(60));
        assertThat(store.finished).isEmpty();
        verify(alerts, never()).fire(any(), anyString(), any(), anyString(), any(), any());
    }

    @Test
    void hardBounceOfAnUnknownMessageWithoutAddressIsRecordedAsNotFound() {
        store.due.add(new PendingSuppression(5, TENANT, Action.HARD_BOUNCE, null, "<gone@x>", null, 0));
        when(api.deliveryLogByMessageId(TENANT, "<gone@x>")).thenReturn(Optional.empty());

        suppressions.processDue();

        assertThat(store.finished).containsExactly("5:not-found:not-found-message");
    }

    /** Records what the use case decided; hands out the queued items once. */
    private static final class RecordingStore implements SuppressionStore {
        final List<PendingSuppression> due = new ArrayList<>();
        final List<String> finished = new ArrayList<>();
        final List<String> retried = new ArrayList<>();

        @Override
        public void enqueue(UUID eventId, TenantId tenant, Action action, String email, String messageId, String diagnostic,
                            Instant now) {
        }

        @Override
        public List<PendingSuppression> claimDue(Instant now, int limit, Duration lease) {
            List<PendingSuppression> claimed = List.copyOf(due);
            due.clear();
            return claimed;
        }

        @Override
        public void finish(long id, String state, String outcome, String error, Instant now) {
            finished.add(id + ":" + state + ":" + outcome);
        }

        @Override
        public void retry(long id, Instant nextAttempt, String error) {
            retried.add(id + "@" + nextAttempt);
        }

        @Override
        public long countInState(String state) {
            return 0;
        }

        @Override
        public int purgeFinishedBefore(Instant cutoff) {
            return 0;
        }
    }
}
