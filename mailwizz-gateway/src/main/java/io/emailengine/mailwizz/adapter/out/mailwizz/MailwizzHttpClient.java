package io.emailengine.mailwizz.adapter.out.mailwizz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.emailengine.mailwizz.application.MailwizzCallException;
import io.emailengine.mailwizz.application.MailwizzCallException.Kind;
import io.emailengine.mailwizz.config.MailwizzProperties;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RequestNotPermitted;
import io.github.resilience4j.retry.Retry;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One HTTP call to MailWizz, the way its SDKs make it: PHP-encoded query and form body (never JSON),
 * {@code X-HTTP-Method-Override} for PUT/DELETE, {@code X-API-KEY} (2.x) or the signed {@code X-MW-*}
 * headers (1.x). Every attempt passes the MailWizz's rate limiter and circuit breaker; transient
 * failures are retried with exponential backoff.
 */
public class MailwizzHttpClient {

    private static final Logger log = LoggerFactory.getLogger(MailwizzHttpClient.class);
    private static final int MAX_ERROR_TEXT = 300;

    /** The resilience of one MailWizz installation, shared by the tenants that use it. */
    public record Guard(RateLimiter rateLimiter, CircuitBreaker circuitBreaker, Retry retry) {
    }

    private final HttpClient http;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final MeterRegistry meters;
    private final Duration requestTimeout;

    public MailwizzHttpClient(HttpClient http, ObjectMapper mapper, Clock clock, MeterRegistry meters, Duration requestTimeout) {
        this.http = http;
        this.mapper = mapper;
        this.clock = clock;
        this.meters = meters;
        this.requestTimeout = requestTimeout;
    }

    /**
     * @param template   endpoint template for metrics and messages, e.g. {@code /lists/{list_uid}}
     * @param pathValues values substituted, in order, for the template's {@code {...}} placeholders
     * @return the parsed JSON answer (MissingNode for an empty body)
     */
    public JsonNode call(MailwizzProperties.Tenant tenant, Guard guard, String method, String template, List<String> pathValues,
                         Map<String, ?> query, Map<String, ?> body) {
        String endpoint = method + " " + template;
        Supplier<JsonNode> attempt = () -> once(tenant, method, template, pathValues, query, body);
        attempt = RateLimiter.decorateSupplier(guard.rateLimiter(), attempt);
        attempt = CircuitBreaker.decorateSupplier(guard.circuitBreaker(), attempt);
        attempt = Retry.decorateSupplier(guard.retry(), attempt);
        try {
            return attempt.get();
        } catch (CallNotPermittedException e) {
            count(endpoint, "circuit-open");
            throw new MailwizzCallException(Kind.UNAVAILABLE, 0, endpoint + ": circuit breaker open, MailWizz considered down");
        } catch (RequestNotPermitted e) {
            count(endpoint, "rate-limited");
            throw new MailwizzCallException(Kind.UNAVAILABLE, 0, endpoint + ": client-side rate limit wait timed out");
        }
    }

    private JsonNode once(MailwizzProperties.Tenant tenant, String method, String template, List<String> pathValues,
                          Map<String, ?> query, Map<String, ?> body) {
        String endpoint = method + " " + template;
        String endpointUrl = stripSlash(tenant.baseUrl()) + expand(template, pathValues);
        String url = RequestSigner.urlWithQuery(endpointUrl, query);
        boolean hasBody = !"GET".equals(method);
        String form = hasBody && body != null ? PhpQuery.build(body) : "";
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .timeout(requestTimeout)
                .header("Accept", "application/json")
                .header("User-Agent", "email-engine-mailwizz-gateway");
        if (hasBody) {
            request.header("Content-Type", "application/x-www-form-urlencoded");
            request.method(method, HttpRequest.BodyPublishers.ofString(form, StandardCharsets.UTF_8));
        } else {
            request.GET();
        }
        if ("PUT".equals(method) || "DELETE".equals(method)) {
            request.header("X-HTTP-Method-Override", method);
        }
        authenticate(tenant, request, method, endpointUrl, query, hasBody ? body : Map.of());
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            count(endpoint, "io-error");
            throw new MailwizzCallException(Kind.UNAVAILABLE, 0, endpoint + ": " + e.getClass().getSimpleName(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MailwizzCallException(Kind.UNAVAILABLE, 0, endpoint + ": interrupted", e);
        }
        int status = response.statusCode();
        count(endpoint, Integer.toString(status));
        JsonNode answer = parse(response.body());
        if (status == 304 || (status >= 200 && status < 300)) {
            if ("error".equals(Lenient.text(answer, "status"))) {
                throw new MailwizzCallException(Kind.REJECTED, status, endpoint + ": " + errorText(answer));
            }
            return answer;
        }
        Kind kind = switch (status) {
            case 400 -> Kind.AUTH;
            case 403 -> Kind.FORBIDDEN;
            case 404 -> Kind.NOT_FOUND;
            case 409 -> Kind.CONFLICT;
            case 422 -> Kind.VALIDATION;
            default -> status >= 500 ? Kind.UNAVAILABLE : Kind.REJECTED;
        };
        if (kind == Kind.AUTH) {
            log.warn("MailWizz refused the credentials or route for {} (HTTP 400): {}", endpoint, errorText(answer));
        }
        throw new MailwizzCallException(kind, status, endpoint + " answered " + status + ": " + errorText(answer));
    }

    private void authenticate(MailwizzProperties.Tenant tenant, HttpRequest.Builder request, String method, String endpointUrl,
                              Map<String, ?> query, Map<String, ?> body) {
        if (tenant.apiVersion() == 2) {
            request.header("X-API-KEY", tenant.publicKey());
            return;
        }
        long timestamp = clock.instant().getEpochSecond();
        String remoteAddr = tenant.remoteAddr() == null ? "" : tenant.remoteAddr();
        String toSign = RequestSigner.stringToSign(method, endpointUrl, query, body, tenant.publicKey(), timestamp, remoteAddr);
        request.header(RequestSigner.PUBLIC_KEY, tenant.publicKey());
        request.header(RequestSigner.TIMESTAMP, Long.toString(timestamp));
        if (!remoteAddr.isEmpty()) {
            request.header(RequestSigner.REMOTE_ADDR, remoteAddr);
        }
        request.header(RequestSigner.SIGNATURE, RequestSigner.signature(tenant.privateKey(), toSign));
    }

    private JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return MissingNode.getInstance();
        }
        try {
            return mapper.readTree(body);
        } catch (IOException e) {
            return MissingNode.getInstance();
        }
    }

    private static String errorText(JsonNode answer) {
        JsonNode error = answer.get("error");
        String text;
        if (error == null || error.isNull()) {
            text = "(no error text)";
        } else if (error.isObject()) {
            StringBuilder joined = new StringBuilder();
            for (Iterator<Map.Entry<String, JsonNode>> it = error.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                joined.append(joined.isEmpty() ? "" : "; ").append(field.getKey()).append(": ")
                        .append(field.getValue().isTextual() ? field.getValue().asText() : field.getValue().toString());
            }
            text = joined.toString();
        } else {
            text = error.asText();
        }
        return text.length() > MAX_ERROR_TEXT ? text.substring(0, MAX_ERROR_TEXT) + "…" : text;
    }

    /** Substitutes path values as RFC 3986 path segments (a Message-ID holds {@code @}, {@code <>}, {@code +}). */
    static String expand(String template, List<String> values) {
        StringBuilder out = new StringBuilder();
        int next = 0;
        int i = 0;
        while (i < template.length()) {
            char c = template.charAt(i);
            if (c == '{') {
                int end = template.indexOf('}', i);
                if (values == null || next >= values.size()) {
                    throw new IllegalArgumentException("no value for " + template.substring(i, end + 1) + " in " + template);
                }
                out.append(pathSegment(values.get(next++)));
                i = end + 1;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    static String pathSegment(String value) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("empty path value");
        }
        StringBuilder out = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '_' || c == '~') {
                out.append((char) c);
            } else {
                out.append('%').append(String.format(Locale.ROOT, "%02X", c));
            }
        }
        return out.toString();
    }

    private void count(String endpoint, String status) {
        Counter.builder("email_engine_mailwizz_calls")
                .description("MailWizz API calls (every attempt) by endpoint template and HTTP status or failure")
                .tag("endpoint", endpoint).tag("status", status)
                .register(meters).increment();
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
