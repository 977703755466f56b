package io.emailengine.alerting.application;

import io.emailengine.alerting.domain.LabelMatcher;
import io.emailengine.alerting.domain.Silence;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Use case: silences over the API. Ending a silence early sets its end to now (like Alertmanager's
 * expire), so its history stays visible. Muting takes effect at the next group evaluation.
 */
@Service
public class SilenceService {

    private static final int LIST_LIMIT = 500;

    private final SilenceStore store;
    private final Clock clock;

    public SilenceService(SilenceStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** What the API asks for; start defaults to now. */
    public record SilenceRequest(List<LabelMatcher> matchers, Instant startsAt, Instant endsAt, String comment) {
    }

    @Transactional
    public Silence create(String tenant, String author, SilenceRequest request) {
        Instant now = clock.instant();
        Silence silence = new Silence(UUID.randomUUID(), tenant, request.matchers(),
                request.startsAt() == null ? now : request.startsAt(), request.endsAt(), author, request.comment());
        if (silence.isExpiredAt(now)) {
            throw new IllegalArgumentException("endsAt: must be in the future");
        }
        store.save(silence, now);
        return silence;
    }

    @Transactional
    public Silence update(Silence existing, String author, SilenceRequest request) {
        Instant now = clock.instant();
        if (existing.isExpiredAt(now)) {
            throw new IllegalArgumentException("silence: an expired silence can't be changed; create a new one");
        }
        Silence updated = new Silence(existing.id(), existing.tenant(), request.matchers(),
                request.startsAt() == null ? existing.startsAt() : request.startsAt(), request.endsAt(), author,
                request.comment());
        store.save(updated, now);
        return updated;
    }

    @Transactional
    public Silence expire(Silence existing) {
        Instant now = clock.instant();
        if (existing.isExpiredAt(now)) {
            return existing;
        }
        // A silence that had not started yet gets an (empty) past window, so it reads as expired, not pending.
        Instant start = existing.startsAt().isBefore(now) ? existing.startsAt() : now.minusMillis(1);
        Silence expired = new Silence(existing.id(), existing.tenant(), existing.matchers(), start, now,
                existing.createdBy(), existing.comment());
        store.save(expired, now);
        return expired;
    }

    public Optional<Silence> find(UUID id) {
        return store.find(id);
    }

    public List<Silence> list(String tenant) {
        return store.list(tenant, LIST_LIMIT);
    }

    public Instant now() {
        return clock.instant();
    }
}
