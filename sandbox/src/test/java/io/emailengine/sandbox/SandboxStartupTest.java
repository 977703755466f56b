package io.emailengine.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The README's first command, end to end: embedded PostgreSQL and Kafka plus the five service jars
 * built earlier in this reactor, all ready within the timeout, each accepting the generated keys.
 * The module is the last of the reactor, so the service jars exist when it runs.
 */
class SandboxStartupTest {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void allFiveServicesBecomeReadyAndAcceptTheGeneratedKeys() throws Exception {
        SandboxOptions options = new SandboxOptions(freePort(), freePort(), Duration.ofSeconds(150),
                ServiceProcess.ALL_SERVICES, true, false);
        Sandbox sandbox = new Sandbox(options, Path.of("..").toAbsolutePath().normalize());
        try {
            assertThat(sandbox.start()).as("all services ready").isTrue();
            for (String service : ServiceProcess.ALL_SERVICES) {
                int port = ServiceProcess.spec(service).port();
                assertThat(get(port, "/actuator/health/readiness", null).statusCode()).as(service + " readiness").isEqualTo(200);
                assertThat(get(port, "/api/v1/no-such-resource", null).statusCode()).as(service + " without key").isEqualTo(401);
                assertThat(get(port, "/api/v1/no-such-resource", sandbox.keys().admin().key()).statusCode())
                        .as(service + " with the admin key").isEqualTo(404);
            }
        } finally {
            sandbox.stop();
        }
    }

    private HttpResponse<String> get(int port, String path, String key) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(10));
        if (key != null) {
            request.header("X-API-Key", key);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
