package io.emailengine.simulator.mailwizz;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The server side of the 1.x signature, rebuilt from the PARSED request as MailWizz does. Golden strings and
 * signatures are mailwizz-gateway's (RequestSignerTest: written by hand from the reference, signatures computed
 * with {@code openssl dgst -sha1 -hmac priv456}), so both sides agree byte for byte.
 */
class AuthenticatorTest {

    private static final Clock AT = Clock.fixed(Instant.ofEpochSecond(1_700_000_100L), ZoneOffset.UTC);
    private final Authenticator authenticator = new Authenticator(List.of(ApiCredentials.v1(2, "tenant-b", "pub123", "priv456"),
            ApiCredentials.v2(1, "tenant-a", "key-a")), AT);

    @Test
    void getSignatureIsRebuiltFromTheSortedQuery() {
        Map<String, Object> query = PhpForm.parse("page=1&per_page=10");
        String string = Authenticator.stringToSign("GET", "https://mw.example.com/api/index.php/lists", query, Map.of(), "pub123",
                "1700000000", null);
        assertThat(string).isEqualTo(
                "GET https://mw.example.com/api/index.php/lists?page=1&per_page=10&X-MW-PUBLIC-KEY=pub123&X-MW-TIMESTAMP=1700000000");
        Authenticator.Result result = authenticator.authenticate("GET", Map.of("x-mw-public-key", "pub123", "x-mw-timestamp", "1700000000",
                "x-mw-signature", "d080cbf9f0933c83891a9605d697885af3e45019"), "https://mw.example.com/api/index.php/lists", query, Map.of());
        assertThat(result.ok()).isTrue();
        assertThat(result.key().customerId()).isEqualTo(2);
        assertThat(result.scheme()).isEqualTo("signed");
    }

    @Test
    void postSignatureIsRebuiltFromTheParsedFormBodyAndRemoteAddress() {
        Map<String, Object> body = PhpForm.parse("details%5Bstatus%5D=confirmed&FNAME=John+%2ASmith%7E&EMAIL=john%2Bdoe%40example.com");
        Map<String, String> headers = Map.of("x-mw-public-key", "pub123", "x-mw-timestamp", "1700000000", "x-mw-remote-addr", "10.0.0.1",
                "x-mw-signature", "5e37a055db78b665821343f0050907fe5a11acce");
        assertThat(authenticator.authenticate("POST", headers, "https://mw.example.com/api/index.php/lists/ab12/subscribers", Map.of(),
                body).ok()).isTrue();
        // the same request with one body byte changed is refused
        Map<String, Object> changed = PhpForm.parse("details%5Bstatus%5D=confirmed&FNAME=John+Smith%7E&EMAIL=john%2Bdoe%40example.com");
        Authenticator.Result refused = authenticator.authenticate("POST", headers,
                "https://mw.example.com/api/index.php/lists/ab12/subscribers", Map.of(), changed);
        assertThat(refused.ok()).isFalse();
        assertThat(refused.error()).isEqualTo("Invalid API request signature. Please refer to the documentation.");
    }

    @Test
    void requestsOlderThan900SecondsAreRefused() {
        Authenticator late = new Authenticator(List.of(ApiCredentials.v1(2, "b", "pub123", "priv456")),
                Clock.fixed(Instant.ofEpochSecond(1_700_000_901L), ZoneOffset.UTC));
        Authenticator.Result result = late.authenticate("GET", Map.of("x-mw-public-key", "pub123", "x-mw-timestamp", "1700000000",
                "x-mw-signature", "d080cbf9f0933c83891a9605d697885af3e45019"), "https://mw.example.com/api/index.php/lists",
                PhpForm.parse("page=1&per_page=10"), Map.of());
        assertThat(result.ok()).isFalse();
        assertThat(result.error()).contains("expired");
    }

    @Test
    void requestsStampedMoreThan900SecondsInTheFutureAreRefusedToo() {
        Authenticator early = new Authenticator(List.of(ApiCredentials.v1(2, "b", "pub123", "priv456")),
                Clock.fixed(Instant.ofEpochSecond(1_699_999_099L), ZoneOffset.UTC));
        Authenticator.Result result = early.authenticate("GET", Map.of("x-mw-public-key", "pub123", "x-mw-timestamp", "1700000000",
                "x-mw-signature", "d080cbf9f0933c83891a9605d697885af3e45019"), "https://mw.example.com/api/index.php/lists",
                PhpForm.parse("page=1&per_page=10"), Map.of());
        assertThat(result.ok()).isFalse();
        assertThat(result.error()).contains("expired");
    }

    @Test
    void apiKeyIsTakenFromXApiKeyOrFromThePublicKeyHeader() {
        assertThat(authenticator.authenticate("GET", Map.of("x-api-key", "key-a"), "http://h/api/index.php/lists", Map.of(), Map.of())
                .key().customerId()).isEqualTo(1);
        assertThat(authenticator.authenticate("GET", Map.of("x-mw-public-key", "key-a"), "http://h/api/index.php/lists", Map.of(),
                Map.of()).ok()).isTrue();
        Authenticator.Result none = authenticator.authenticate("GET", Map.of(), "http://h/api/index.php/lists", Map.of(), Map.of());
        assertThat(none.ok()).isFalse();
        assertThat(none.scheme()).isEqualTo("none");
        assertThat(authenticator.authenticate("GET", Map.of("x-api-key", "key-b"), "http://h/api/index.php/lists", Map.of(), Map.of())
                .error()).isEqualTo("Invalid API key. Please refer to the documentation.");
    }
}
