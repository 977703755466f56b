package io.emailengine.alerting.domain;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * A time-boxed mute: alerts whose labels match every matcher between start and end are stored
 * but not sent. Matchers see the alert's labels plus {@code severity}, {@code source} and
 * {@code alertname} (when the alert has no such label, the source stands in).
 *
 * @param tenant null for a system silence (admin only); applies to that tenant's alerts only
 */
public record Silence(UUID id, String tenant, List<LabelMatcher> matchers, Instant startsAt, Instant endsAt,
                      String createdBy, String comment) {

    public static final int MAX_MATCHERS = 20;
    public static final int MAX_COMMENT_LENGTH = 1000;

    public Silence {
        Objects.requireNonNull(id, "id");
        if (matchers == null || matchers.isEmpty() || matchers.size() > MAX_MATCHERS) {
            throw new IllegalArgumentException("matchers: between 1 and " + MAX_MATCHERS + " matchers are required");
        }
        matchers = List.copyOf(matchers);
        if (startsAt == null || endsAt == null || !endsAt.isAfter(startsAt)) {
            throw new IllegalArgumentException("endsAt: must be after startsAt");
        }
        if (createdBy == null || createdBy.isBlank()) {
            throw new IllegalArgumentException("createdBy: is required");
        }
        if (comment == null || comment.isBlank() || comment.length() > MAX_COMMENT_LENGTH) {
            throw new IllegalArgumentException("comment: is required and at most " + MAX_COMMENT_LENGTH + " characters");
        }
    }

    public boolean isActiveAt(Instant now) {
        return !now.isBefore(startsAt) && now.isBefore(endsAt);
    }

    public boolean isExpiredAt(Instant now) {
        return !now.isBefore(endsAt);
    }

    /** Whether this silence mutes an alert of {@code alertTenant} with these (matchable) labels at {@code now}. */
    public boolean mutes(String alertTenant, Map<String, String> matchableLabels, Instant now) {
        return Objects.equals(tenant, alertTenant) && isActiveAt(now)
                && matchers.stream().allMatch(matcher -> matcher.matches(matchableLabels));
    }
}
