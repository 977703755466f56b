package io.emailengine.kit;

import static org.assertj.core.api.Assertions.assertThat;

import io.emailengine.kit.testapp.KitTestApplication;
import io.emailengine.testsupport.RealInfrastructure;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

@RealInfrastructure
@SpringBootTest(classes = KitTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class KitWebSecurityTest {

    private static final String TENANT_A = "test-key-tenant-a";
    private static final String ADMIN = "test-key-admin";
    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort int port;

    @Test
    void healthProbesAndPrometheusAreOpenWithoutAKey() throws Exception {
        assertThat(get("/actuator/health/liveness", null).statusCode()).isEqualTo(200);
        assertThat(get("/actuator/health/readiness", null).statusCode()).isEqualTo(200);
        HttpResponse<String> metrics = get("/actuator/prometheus", null);
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("email_engine_outbox_lag_seconds");
    }

    @Test
    void readinessCoversTheDatabaseAndKafka() throws Exception {
        HttpResponse<String> readiness = get("/actuator/health/readiness", null);
        assertThat(readiness.body()).contains("\"db\"").contains("\"kafka\"").contains("\"UP\"");
    }

    @Test
    void apiWithoutAKeyAnswers401WithAJsonError() throws Exception {
        HttpResponse<String> response = get("/api/v1/tenants/tenant-a/things", null);
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).contains("json"));
        assertThat(response.body()).contains("X-API-Key");
    }

    @Test
    void apiWithAWrongKeyAnswers401() throws Exception {
        assertThat(get("/api/v1/tenants/tenant-a/things", "test-key-tenant-c").statusCode()).isEqualTo(401);
    }

    @Test
    void openApiDocumentNeedsAKeyUnlessConfiguredOpen() throws Exception {
        assertThat(get("/v3/api-docs", null).statusCode()).isEqualTo(401);
        HttpResponse<String> docs = get("/v3/api-docs", TENANT_A);
        assertThat(docs.statusCode()).isEqualTo(200);
        assertThat(docs.body()).contains("\"apiKey\"").contains("X-API-Key");
    }

    @Test
    void tenantKeySeesItsOwnTenant() throws Exception {
        HttpResponse<String> response = get("/api/v1/tenants/tenant-a/things", TENANT_A);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("t-a-1").doesNotContain("t-b-1");
    }

    @Test
    void tenantKeyNamingAnotherTenantAnswers403() throws Exception {
        assertThat(get("/api/v1/tenants/tenant-b/things", TENANT_A).statusCode()).isEqualTo(403);
    }

    @Test
    void anotherTenantsResourceAnswers404SoItsExistenceDoesNotLeak() throws Exception {
        assertThat(get("/api/v1/things/t-b-1", TENANT_A).statusCode()).isEqualTo(404);
        assertThat(get("/api/v1/things/t-a-1", TENANT_A).statusCode()).isEqualTo(200);
    }

    @Test
    void adminEndpointsNeedTheAdminScope() throws Exception {
        assertThat(get("/api/v1/admin/ping", TENANT_A).statusCode()).isEqualTo(403);
        assertThat(get("/api/v1/admin/ping", ADMIN).statusCode()).isEqualTo(200);
    }

    @Test
    void adminKeyMayActForAnyTenant() throws Exception {
        assertThat(get("/api/v1/tenants/tenant-b/things", ADMIN).statusCode()).isEqualTo(200);
        assertThat(get("/api/v1/things/t-b-1", ADMIN).statusCode()).isEqualTo(200);
    }

    @Test
    void bearerAuthorizationHeaderIsAcceptedLikeTheApiKeyHeader() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/tenants/tenant-a/things"))
                .header("Authorization", "Bearer " + TENANT_A).build();
        assertThat(http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
    }

    private HttpResponse<String> get(String path, String key) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
        if (key != null) {
            request.header("X-API-Key", key);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
