package io.emailengine.bounceingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.emailengine.bounceingest.domain.MessageIds;
import io.emailengine.testsupport.RealInfrastructure;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

/** The service with the Message-ID map switched off ({@code message-origin-retention: 0s}). */
@RealInfrastructure
@ActiveProfiles("test")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "email-engine.bounce-ingest.message-origin-retention=0s")
class OriginLearningOffTest {

    @LocalServerPort int port;
    @Autowired JdbcTemplate jdbc;

    @Test
    void aRemoteBounceIsStillAttributedByTheDeliveryOfItsBatchButNoMessageIdIsRemembered() throws Exception {
        jdbc.update("""
                INSERT INTO ip_attribution (ip, tenant_id, vmta, host_id, pool, learned_at)
                VALUES ('203.0.113.10', 'tenant-a', 'v203-0-113-10', 'pmta-1', 'tenant-a', now()) ON CONFLICT (ip) DO NOTHING""");
        String csv = """
                type,timeLogged,rcpt,dsnStatus,dsnDiag,bounceCat,dlvSourceIp,vmta,queue,header_Message-Id
                d,2026-11-22 09:00:01+0000,olga@gmail.com,2.0.0 (success),smtp;250 OK,,203.0.113.10,v203-0-113-10,gmail.com/v203-0-113-10,<o1@learning-off.test>
                rb,2026-11-22 09:03:00+0000,olga@gmail.com,5.1.1 (bad destination mailbox address),smtp;550 5.1.1 user unknown,bad-mailbox,,,,<o1@learning-off.test>
                """;

        JsonNode first = post(csv);
        JsonNode again = post(csv);

        assertThat(first.get("accepted").asLong()).isEqualTo(2);
        assertThat(first.get("unattributed").asLong()).as("the rb attributed by the d before it").isZero();
        assertThat(again.get("duplicates").asLong()).as("the records' keys were remembered").isEqualTo(2);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM message_origin_bucket WHERE position(int8send(?) IN entries) > 0",
                Long.class, MessageIds.hash("o1@learning-off.test"))).as("no Message-ID remembered").isZero();
    }

    private JsonNode post(String csv) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/accounting"))
                        .header("Content-Type", "text/csv").header("Authorization", "Bearer ingest-token-pmta-1")
                        .POST(HttpRequest.BodyPublishers.ofString(csv, StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return new ObjectMapper().readTree(response.body());
    }
}
