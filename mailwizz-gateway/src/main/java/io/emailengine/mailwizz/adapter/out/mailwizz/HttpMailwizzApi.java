package io.emailengine.mailwizz.adapter.out.mailwizz;

import com.fasterxml.jackson.databind.JsonNode;
import io.emailengine.events.types.TenantId;
import io.emailengine.mailwizz.application.MailwizzApi;
import io.emailengine.mailwizz.application.MailwizzCallException;
import io.emailengine.mailwizz.application.MailwizzCallException.Kind;
import io.emailengine.mailwizz.config.MailwizzProperties;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** {@link MailwizzApi} over HTTP, one connection per tenant, one rate limiter and circuit breaker per MailWizz. */
public class HttpMailwizzApi implements MailwizzApi {

    static final int MAX_BOUNCE_MESSAGE = 250;
    private static final int PAGE_SIZE = 100;
    private static final int MAX_PAGES = 100;

    private final MailwizzProperties properties;
    private final MailwizzHttpClient client;
    private final CircuitBreakerRegistry circuitBreakers;
    private final RateLimiterRegistry rateLimiters;
    private final RetryRegistry retries;
    private final Map<String, MailwizzHttpClient.Guard> guards = new ConcurrentHashMap<>();

    public HttpMailwizzApi(MailwizzProperties properties, MailwizzHttpClient client, CircuitBreakerRegistry circuitBreakers,
                           RateLimiterRegistry rateLimiters, RetryRegistry retries) {
        this.properties = properties;
        this.client = client;
        this.circuitBreakers = circuitBreakers;
        this.rateLimiters = rateLimiters;
        this.retries = retries;
    }

    @Override
    public boolean knowsTenant(TenantId tenant) {
        return properties.tenants().containsKey(tenant.value());
    }

    @Override
    public Optional<DeliveryLog> deliveryLogByMessageId(TenantId tenant, String messageId) {
        String id = stripAngles(messageId);
        try {
            JsonNode answer = call(tenant, "GET", "/campaigns/delivery-logs/email-message-id/{message_id}", List.of(id), Map.of(), Map.of());
            JsonNode record = answer.path("data").path("record");
            String campaign = Lenient.text(record, "campaign", "campaign_uid");
            String subscriber = Lenient.text(record, "subscriber", "subscriber_uid");
            if (campaign == null || subscriber == null) {
                throw new MailwizzCallException(Kind.REJECTED, 200, "delivery log of a message has no campaign or subscriber uid");
            }
            return Optional.of(new DeliveryLog(campaign, subscriber, Lenient.text(record, "subscriber", "email")));
        } catch (MailwizzCallException e) {
            if (e.kind() == Kind.NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public BounceOutcome postHardBounce(TenantId tenant, String campaignUid, String subscriberUid, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("subscriber_uid", subscriberUid);
        body.put("bounce_type", "hard");
        body.put("message", truncate(message == null || message.isBlank() ? "hard bounce" : message, MAX_BOUNCE_MESSAGE));
        try {
            call(tenant, "POST", "/campaigns/{campaign_uid}/bounces", List.of(campaignUid), Map.of(), body);
            return BounceOutcome.CREATED;
        } catch (MailwizzCallException e) {
            if (e.kind() == Kind.VALIDATION) {
                return BounceOutcome.DUPLICATE;
            }
            throw e;
        }
    }

    @Override
    public boolean unsubscribeFromAllLists(TenantId tenant, String email) {
        try {
            call(tenant, "PUT", "/lists/subscribers/unsubscribe-by-email-from-all-lists", List.of(), Map.of(), Map.of("EMAIL", email));
            return true;
        } catch (MailwizzCallException e) {
            if (e.kind() == Kind.NOT_FOUND) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public int blacklistEverywhere(TenantId tenant, String email) {
        JsonNode found;
        try {
            found = call(tenant, "GET", "/lists/subscribers/search-by-email-in-all-lists", List.of(), Map.of("EMAIL", email), Map.of());
        } catch (MailwizzCallException e) {
            if (e.kind() == Kind.NOT_FOUND) {
                return 0;
            }
            throw e;
        }
        int blacklisted = 0;
        for (JsonNode record : found.path("data").path("records")) {
            String subscriber = Lenient.text(record, "subscriber_uid");
            String list = Optional.ofNullable(Lenient.text(record, "list", "list_uid")).orElse(Lenient.text(record, "list_uid"));
            if (subscriber == null || list == null) {
                continue;
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("EMAIL", email);
            body.put("details", Map.of("status", "blacklisted"));
            try {
                call(tenant, "PUT", "/lists/{list_uid}/subscribers/{subscriber_uid}", List.of(list, subscriber), Map.of(), body);
                blacklisted++;
            } catch (MailwizzCallException e) {
                if (e.kind() != Kind.NOT_FOUND && e.kind() != Kind.CONFLICT) {
                    throw e;
                }
            }
        }
        return blacklisted;
    }

    @Override
    public List<DeliveryServerInfo> deliveryServers(TenantId tenant) {
        List<DeliveryServerInfo> servers = new ArrayList<>();
        for (int page = 1; page <= MAX_PAGES; page++) {
            JsonNode data = call(tenant, "GET", "/delivery-servers", List.of(), Map.of("page", page, "per_page", PAGE_SIZE), Map.of())
                    .path("data");
            for (JsonNode record : data.path("records")) {
                long id = Lenient.number(record, "server_id", 0);
                if (id > 0) {
                    servers.add(new DeliveryServerInfo(id, Lenient.text(record, "name"), Lenient.text(record, "hostname"),
                            Lenient.text(record, "status")));
                }
            }
            long totalPages = Lenient.number(data, "total_pages", 0);
            if (page >= totalPages || Lenient.text(data, "next_page") == null) {
                break;
            }
        }
        return servers;
    }

    @Override
    public JsonNode get(TenantId tenant, String template, List<String> pathValues, Map<String, ?> query) {
        return call(tenant, "GET", template, pathValues, query, Map.of()).path("data");
    }

    @Override
    public JsonNode send(TenantId tenant, String method, String template, List<String> pathValues, Map<String, ?> body) {
        return call(tenant, method, template, pathValues, Map.of(), body);
    }

    private JsonNode call(TenantId tenant, String method, String template, List<String> pathValues, Map<String, ?> query,
                          Map<String, ?> body) {
        MailwizzProperties.Tenant connection = properties.tenants().get(tenant.value());
        if (connection == null) {
            throw new IllegalArgumentException("no MailWizz connection is configured for tenant " + tenant.value());
        }
        return client.call(connection, guard(connection), method, template, pathValues, query, body);
    }

    /** Tenants sharing a MailWizz share its rate limit and its circuit breaker: the limit protects the server. */
    MailwizzHttpClient.Guard guard(MailwizzProperties.Tenant connection) {
        String name = "mailwizz-" + origin(connection.baseUrl());
        return guards.computeIfAbsent(name, key -> {
            MailwizzProperties.Client c = properties.client();
            int perPeriod = (int) Math.max(1, Math.round(c.requestsPerSecond()));
            Duration period = Duration.ofNanos(Math.max(1, Math.round(1_000_000_000d * perPeriod / c.requestsPerSecond())));
            RateLimiterConfig limit = RateLimiterConfig.custom().limitForPeriod(perPeriod).limitRefreshPeriod(period)
                    .timeoutDuration(c.rateLimitWait()).build();
            CircuitBreakerConfig breaker = CircuitBreakerConfig.custom()
                    .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                    .slidingWindowSize(c.circuitWindow()).minimumNumberOfCalls(Math.min(c.circuitWindow(), 10))
                    .failureRateThreshold(c.circuitFailureRatePercent())
                    .waitDurationInOpenState(c.circuitOpenFor())
                    .permittedNumberOfCallsInHalfOpenState(2)
                    .recordException(MailwizzHttpApiFailures::isTransient)
                    .build();
            RetryConfig retry = RetryConfig.custom().maxAttempts(c.maxAttempts())
                    .intervalFunction(IntervalFunction.ofExponentialRandomBackoff(c.initialBackoff(), 2.0, 0.2))
                    .retryOnException(MailwizzHttpApiFailures::isTransient)
                    .build();
            return new MailwizzHttpClient.Guard(rateLimiters.rateLimiter(key, limit), circuitBreakers.circuitBreaker(key, breaker),
                    retries.retry(key, retry));
        });
    }

    static String origin(String baseUrl) {
        URI uri = URI.create(baseUrl);
        String host = uri.getHost() == null ? "unknown" : uri.getHost();
        return uri.getPort() > 0 ? host + "-" + uri.getPort() : host;
    }

    static String stripAngles(String messageId) {
        String id = messageId.trim();
        if (id.startsWith("<") && id.endsWith(">") && id.length() > 2) {
            id = id.substring(1, id.length() - 1);
        }
        return id;
    }

    static String truncate(String text, int maxCodePoints) {
        if (text.codePointCount(0, text.length()) <= maxCodePoints) {
            return text;
        }
        return text.substring(0, text.offsetByCodePoints(0, maxCodePoints));
    }

    /** Which failures are worth another attempt (and count against the circuit). */
    static final class MailwizzHttpApiFailures {
        private MailwizzHttpApiFailures() {
        }

        static boolean isTransient(Throwable failure) {
            return failure instanceof MailwizzCallException call && call.kind().isTransient();
        }
    }
}
