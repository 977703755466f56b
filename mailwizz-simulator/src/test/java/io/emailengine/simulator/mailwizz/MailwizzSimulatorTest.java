package io.emailengine.simulator.mailwizz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.emailengine.simulator.mailwizz.MailwizzClient.Response;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One simulator (real MariaDB, real HTTP) for the whole class; every test uses its own addresses / servers so the
 * order does not matter. Customer 1 "tenant-a" has a 2.x key, customer 2 "tenant-b" a signed 1.x key pair.
 */
class MailwizzSimulatorTest {

    static final String KEY_A = "a2x-key-0123456789abcdef";
    static final String PUB_B = "b1x-public-0123456789";
    static final String PRIV_B = "b1x-private-9876543210";

    @TempDir
    static Path directory;
    static MailwizzSimulator simulator;
    static MailwizzClient tenantA;
    static MailwizzClient tenantB;

    @BeforeAll
    static void start() {
        MailwizzSimulatorOptions options = MailwizzSimulatorOptions.builder(directory)
                .apiKey(ApiCredentials.v2(1, "tenant-a", KEY_A))
                .apiKey(ApiCredentials.v1(2, "tenant-b", PUB_B, PRIV_B))
                .deliveryServer(new DeliveryServerSeed(1, 1L, "203.0.113.10", "203.0.113.10", "v203-0-113-10", 100, 1000))
                .deliveryServer(new DeliveryServerSeed(2, 1L, "203.0.113.11", "203.0.113.11", "v203-0-113-11", 100, 1000))
                .deliveryServer(new DeliveryServerSeed(3, 2L, "198.51.100.20", "198.51.100.20", "v198-51-100-20", 50, 500))
                .deliveryServer(new DeliveryServerSeed(4, null, "shared", "pmta-shared.example.com", null, 0, 0))
                .deliveryServer(new DeliveryServerSeed(5, 2L, "198.51.100.21", "198.51.100.21", "v198-51-100-21", 10, 100)
                        .withWarmupPlan(7L))
                .list(new ListSeed(1, "lista0000001", "Tenant A newsletter", List.of("alice@example.com", "amy@example.com")))
                .list(new ListSeed(2, "listb0000001", "Tenant B news", List.of("bob@example.com")))
                .build();
        simulator = new MailwizzSimulator(options).start();
        tenantA = MailwizzClient.apiKey(simulator.baseUrl(), KEY_A);
        tenantB = MailwizzClient.signed(simulator.baseUrl(), PUB_B, PRIV_B);
    }

    @AfterAll
    static void stop() {
        if (simulator != null) {
            simulator.close();
        }
    }

    // ---- authentication --------------------------------------------------------------------------------------------

    @Test
    void apiKeyCustomerSeesOnlyItsOwnLists() {
        Response lists = tenantA.get("/lists", Map.of("page", 1, "per_page", 10));
        assertThat(lists.status()).isEqualTo(200);
        assertThat(lists.json().path("status").asText()).isEqualTo("success");
        assertThat(MailwizzClient.texts(lists.json().path("data").path("records"), "general", "list_uid"))
                .contains("lista0000001").doesNotContain("listb0000001");
        assertThat(tenantA.get("/lists/listb0000001").status()).isEqualTo(404);
        assertThat(simulator.requests()).anySatisfy(r -> {
            assertThat(r.path()).isEqualTo("/lists");
            assertThat(r.authScheme()).isEqualTo("api-key");
            assertThat(r.customerId()).isEqualTo(1L);
            assertThat(r.status()).isEqualTo(200);
        });
    }

    @Test
    void bodyOverFiveMegabytesIsRefusedWith413InsteadOfBeingReadCutShort() throws Exception {
        java.net.http.HttpResponse<String> answer = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(simulator.baseUrl() + "/lists"))
                        .header("X-API-KEY", KEY_A).header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString("general%5Bname%5D=" + "x".repeat(5 * 1024 * 1024)))
                        .build(), java.net.http.HttpResponse.BodyHandlers.ofString());

        assertThat(answer.statusCode()).isEqualTo(413);
        assertThat(answer.body()).contains("\"status\":\"error\"");
    }

    @Test
    void signedRequestWithCorrectSignatureIsAnswered() {
        Response lists = tenantB.get("/lists", Map.of("per_page", 10, "page", 1));
        assertThat(lists.status()).isEqualTo(200);
        assertThat(MailwizzClient.texts(lists.json().path("data").path("records"), "general", "list_uid"))
                .containsExactly("listb0000001", "sblist0000002");
        Response withRemoteAddr = MailwizzClient.signed(simulator.baseUrl(), PUB_B, PRIV_B, "10.0.0.1").get("/lists/listb0000001");
        assertThat(withRemoteAddr.status()).isEqualTo(200);
        assertThat(withRemoteAddr.json().path("data").path("record").path("general").path("name").asText()).isEqualTo("Tenant B news");
    }

    @Test
    void wrongSignatureIsRefusedWith400AndMailwizzErrorEnvelope() {
        Response refused = tenantB.withTamperedSignature().get("/lists");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().path("status").asText()).isEqualTo("error");
        assertThat(refused.json().path("error").asText()).isEqualTo("Invalid API request signature. Please refer to the documentation.");
        // a body signed by the wrong private key is refused as well
        Response wrongKey = MailwizzClient.signed(simulator.baseUrl(), PUB_B, "not-the-private-key")
                .send("PUT", "/lists/subscribers/unsubscribe-by-email-from-all-lists", Map.of("EMAIL", "bob@example.com"));
        assertThat(wrongKey.status()).isEqualTo(400);
        assertThat(simulator.suppressions()).noneMatch(s -> s.email().equals("bob@example.com"));
        assertThat(simulator.requests()).anySatisfy(r -> {
            assertThat(r.authScheme()).isEqualTo("signed");
            assertThat(r.customerId()).isNull();
            assertThat(r.status()).isEqualTo(400);
        });
    }

    @Test
    void unknownKeyStaleTimestampAndSignedKeyWithoutSignatureAreRefusedWith400() {
        assertThat(MailwizzClient.apiKey(simulator.baseUrl(), "no-such-key").get("/lists").json().path("error").asText())
                .isEqualTo("Invalid API key. Please refer to the documentation.");
        Response stale = tenantB.withTimestampShift(-901).get("/lists");
        assertThat(stale.status()).isEqualTo(400);
        assertThat(stale.json().path("error").asText()).contains("expired");
        // a 1.x public key presented as a 2.x X-API-KEY is not enough: that customer must sign
        Response unsigned = MailwizzClient.apiKey(simulator.baseUrl(), PUB_B).get("/lists");
        assertThat(unsigned.status()).isEqualTo(400);
        Response noHeaders = MailwizzClient.raw(HttpRequest.newBuilder(URI.create(simulator.baseUrl() + "/lists")).GET().build());
        assertThat(noHeaders.status()).isEqualTo(400);
        assertThat(noHeaders.json().path("status").asText()).isEqualTo("error");
    }

    @Test
    void signedPostWithPhpSpecialCharactersIsParsedAndVerified() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("EMAIL", "john+doe@example.com");
        body.put("FNAME", "John *Smith~ & Co");
        body.put("LNAME", "Ünïcødé [x]");
        body.put("details", Map.of("status", "confirmed"));
        Response created = tenantB.send("POST", "/lists/listb0000001/subscribers", body);
        assertThat(created.status()).isEqualTo(201);
        JsonNode record = created.json().path("data").path("record");
        assertThat(record.path("subscriber_uid").asText()).matches("[a-z0-9]{13}");
        assertThat(record.path("EMAIL").asText()).isEqualTo("john+doe@example.com");
        assertThat(record.path("FNAME").asText()).isEqualTo("John *Smith~ & Co");
        assertThat(record.path("LNAME").asText()).isEqualTo("Ünïcødé [x]");
        assertThat(record.path("status").asText()).isEqualTo("confirmed");

        Response again = tenantB.send("POST", "/lists/listb0000001/subscribers", body);
        assertThat(again.status()).isEqualTo(409);
        Response found = tenantB.get("/lists/listb0000001/subscribers/search-by-email", Map.of("EMAIL", "john+doe@example.com"));
        assertThat(found.status()).isEqualTo(200);
        assertThat(found.json().path("data").path("subscriber_uid").asText()).isEqualTo(record.path("subscriber_uid").asText());
    }

    @Test
    void jsonPostBodyIsNotParsedAsPhpDoesNot() {
        HttpRequest json = HttpRequest.newBuilder(URI.create(simulator.baseUrl() + "/lists/lista0000001/subscribers"))
                .header("X-API-KEY", KEY_A).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"EMAIL\":\"json@example.com\"}")).build();
        Response answer = MailwizzClient.raw(json);
        assertThat(answer.status()).isEqualTo(422);
        assertThat(answer.json().path("error").asText()).isEqualTo("Please provide the subscriber email address.");
        Response invalid = tenantA.send("POST", "/lists/lista0000001/subscribers", Map.of("EMAIL", "not an address"));
        assertThat(invalid.status()).isEqualTo(422);
        assertThat(invalid.json().path("error").path("EMAIL").asText()).contains("not valid");
    }

    @Test
    void methodOverrideHeaderTurnsPostIntoPutAndWrongVerbIs400() {
        Response subscribed = tenantA.send("POST", "/lists/lista0000001/subscribers", Map.of("EMAIL", "override@example.com"));
        String uid = subscribed.json().path("data").path("record").path("subscriber_uid").asText();
        HttpRequest post = HttpRequest.newBuilder(URI.create(simulator.baseUrl() + "/lists/lista0000001/subscribers/" + uid
                        + "/unsubscribe")).header("X-API-KEY", KEY_A).header("X-HTTP-Method-Override", "PUT")
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.noBody()).build();
        assertThat(MailwizzClient.raw(post).status()).isEqualTo(200);
        assertThat(tenantA.get("/lists/lista0000001/subscribers/" + uid).json().path("data").path("record").path("status").asText())
                .isEqualTo("unsubscribed");
        assertThat(tenantA.send("DELETE", "/lists", Map.of()).status()).isEqualTo(400);
        assertThat(tenantA.get("/no-such-controller").status()).isEqualTo(404);
    }

    // ---- delivery servers and the database -------------------------------------------------------------------------

    @Test
    void deliveryServerApiListsOnlyTheCallersServers() {
        Response servers = tenantA.get("/delivery-servers", Map.of("page", 1, "per_page", 100));
        assertThat(servers.status()).isEqualTo(200);
        assertThat(MailwizzClient.texts(servers.json().path("data").path("records"), "server_id")).containsExactly("1", "2");
        assertThat(MailwizzClient.texts(servers.json().path("data").path("records"), "hostname"))
                .containsExactly("203.0.113.10", "203.0.113.11");
        assertThat(tenantA.get("/delivery-servers/3").status()).isEqualTo(404);
        Response own = tenantB.get("/delivery-servers/3");
        assertThat(own.status()).isEqualTo(200);
        assertThat(own.json().path("data").path("record").path("type").asText()).isEqualTo("smtp-pmta");
        assertThat(simulator.deliveryServer(1).orElseThrow().virtualMta()).isEqualTo("v203-0-113-10");
        assertThat(simulator.deliveryServer(5).orElseThrow().warmupPlanId()).isEqualTo(7L);
    }

    @Test
    void limitedUserRunsTheGatewaysQuotaSqlAndNothingElse() throws SQLException {
        try (Connection c = DriverManager.getConnection(simulator.jdbcUrl(), simulator.databaseUser(), simulator.databasePassword())) {
            c.setAutoCommit(false);
            // the gateway's statements (JdbcMailwizzDatabase), verbatim
            try (PreparedStatement lock = c.prepareStatement("SELECT server_id, hourly_quota, daily_quota, warmup_plan_id FROM"
                    + " `mw_delivery_server` WHERE server_id IN (?, ?) ORDER BY server_id FOR UPDATE")) {
                lock.setLong(1, 2);
                lock.setLong(2, 5);
                try (ResultSet rows = lock.executeQuery()) {
                    assertThat(rows.next()).isTrue();
                    assertThat(rows.getLong("hourly_quota")).isEqualTo(100);
                }
            }
            try (PreparedStatement update = c.prepareStatement("UPDATE `mw_delivery_server` SET hourly_quota = ?, daily_quota = ?"
                    + " WHERE server_id = ? AND warmup_plan_id IS NULL")) {
                update.setLong(1, 150);
                update.setLong(2, 1500);
                update.setLong(3, 2);
                assertThat(update.executeUpdate()).isEqualTo(1);
            }
            c.commit();
            try (PreparedStatement named = c.prepareStatement("SELECT server_id FROM `mw_delivery_server` WHERE status <> 'pending-delete'"
                    + " AND (hostname IN (?) OR name IN (?)) ORDER BY server_id")) {
                named.setString(1, "198.51.100.20");
                named.setString(2, "198.51.100.20");
                try (ResultSet rows = named.executeQuery()) {
                    assertThat(rows.next()).isTrue();
                    assertThat(rows.getLong(1)).isEqualTo(3);
                }
            }
            assertThat(simulator.deliveryServer(2).orElseThrow().hourlyQuota()).isEqualTo(150);

            try (Statement s = c.createStatement()) {
                assertThatThrownBy(() -> s.executeUpdate("UPDATE mw_delivery_server SET status = 'inactive' WHERE server_id = 2"))
                        .isInstanceOf(SQLException.class).hasMessageContaining("UPDATE command denied").hasMessageContaining("status");
                assertThatThrownBy(() -> s.executeUpdate("UPDATE mw_delivery_server SET monthly_quota = 1 WHERE server_id = 2"))
                        .isInstanceOf(SQLException.class).hasMessageContaining("monthly_quota");
                assertThatThrownBy(() -> s.executeUpdate("DELETE FROM mw_delivery_server WHERE server_id = 2"))
                        .isInstanceOf(SQLException.class).hasMessageContaining("DELETE command denied");
                assertThatThrownBy(() -> s.executeUpdate("INSERT INTO mw_delivery_server (type, hostname, from_email, date_added,"
                        + " last_updated) VALUES ('smtp', 'x', 'a@b.c', NOW(), NOW())"))
                        .isInstanceOf(SQLException.class).hasMessageContaining("INSERT command denied");
                assertThatThrownBy(() -> s.executeQuery("SELECT * FROM mw_list_subscriber"))
                        .isInstanceOf(SQLException.class).hasMessageContaining("SELECT command denied");
                assertThatThrownBy(() -> s.executeQuery("SELECT * FROM sim_delivery_server_change"))
                        .isInstanceOf(SQLException.class).hasMessageContaining("SELECT command denied");
                assertThatThrownBy(() -> s.executeUpdate("UPDATE mw_list SET name = 'x'"))
                        .isInstanceOf(SQLException.class).hasMessageContaining("command denied");
            }
        }
        assertThat(simulator.deliveryServer(2).orElseThrow().status()).isEqualTo("active");
    }

    @Test
    void triggerRecordsEveryQuotaWriteWithItsTimeAndListenersHearOfIt() throws SQLException {
        List<QuotaChange> heard = new CopyOnWriteArrayList<>();
        simulator.onQuotaChange(heard::add);
        Instant before = Instant.now().minusSeconds(1);
        try (Connection c = DriverManager.getConnection(simulator.jdbcUrl(), simulator.databaseUser(), simulator.databasePassword());
             Statement s = c.createStatement()) {
            assertThat(s.executeUpdate("UPDATE mw_delivery_server SET hourly_quota = 40, daily_quota = 400 WHERE server_id = 3")).isEqualTo(1);
            // a write of the same values changes nothing and is not a quota change
            s.executeUpdate("UPDATE mw_delivery_server SET hourly_quota = 40, daily_quota = 400 WHERE server_id = 3");
            s.executeUpdate("UPDATE mw_delivery_server SET hourly_quota = 45 WHERE server_id = 3");
        }
        Instant after = Instant.now().plusSeconds(1);
        await().atMost(Duration.ofSeconds(5)).until(() -> heard.stream().filter(ch -> ch.serverId() == 3).count() == 2);
        List<QuotaChange> mine = simulator.quotaChanges().stream().filter(ch -> ch.serverId() == 3).toList();
        assertThat(mine).hasSize(2);
        QuotaChange first = mine.get(0);
        assertThat(List.of(first.oldHourly(), first.newHourly(), first.oldDaily(), first.newDaily())).containsExactly(50L, 40L, 500L, 400L);
        assertThat(mine.get(1).newHourly()).isEqualTo(45);
        assertThat(mine.get(1).newDaily()).isEqualTo(400);
        assertThat(first.changedBy()).startsWith(MailwizzSimulator.DATABASE_USER + "@");
        assertThat(first.at()).isBetween(before, after);
        assertThat(mine.get(1).at()).isAfterOrEqualTo(first.at());
        assertThat(heard.stream().filter(ch -> ch.serverId() == 3).toList()).isEqualTo(mine);
    }

    // ---- suppression flows of the gateway ---------------------------------------------------------------------------

    @Test
    void hardBounceByGeneratedMessageIdBouncesAndBlacklistsThatRecipient() {
        String messageId = "20261128.000123~user123=gmail.com@pmta-1.sandbox.local";
        Response log = tenantA.get("/campaigns/delivery-logs/email-message-id/" + MailwizzClient.segment(messageId));
        assertThat(log.status()).isEqualTo(200);
        JsonNode record = log.json().path("data").path("record");
        String campaign = record.path("campaign").path("campaign_uid").asText();
        String subscriber = record.path("subscriber").path("subscriber_uid").asText();
        assertThat(campaign).isEqualTo("sbcamp0000001");
        assertThat(record.path("subscriber").path("email").asText()).isEqualTo("user123@gmail.com");
        // the same Message-ID keeps pointing at the same message
        assertThat(tenantA.get("/campaigns/delivery-logs/email-message-id/" + MailwizzClient.segment(messageId)).json()
                .path("data").path("record").path("subscriber").path("subscriber_uid").asText()).isEqualTo(subscriber);

        Map<String, Object> bounce = new LinkedHashMap<>();
        bounce.put("subscriber_uid", subscriber);
        bounce.put("bounce_type", "hard");
        bounce.put("message", "5.1.1 <user123@gmail.com>: user unknown");
        Response created = tenantA.send("POST", "/campaigns/" + campaign + "/bounces", bounce);
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().path("status").asText()).isEqualTo("success");
        Response duplicate = tenantA.send("POST", "/campaigns/" + campaign + "/bounces", bounce);
        assertThat(duplicate.status()).isEqualTo(422);

        assertThat(simulator.suppressions()).filteredOn(s -> s.email().equals("user123@gmail.com")).singleElement().satisfies(s -> {
            assertThat(s.kind()).isEqualTo(Suppression.Kind.CAMPAIGN_BOUNCE);
            assertThat(s.customerName()).isEqualTo("tenant-a");
            assertThat(s.campaignUid()).isEqualTo(campaign);
            assertThat(s.reason()).isEqualTo("hard: 5.1.1 <user123@gmail.com>: user unknown");
            assertThat(s.hardBounce()).isTrue();
        });
        assertThat(simulator.isBlacklisted("user123@gmail.com")).isTrue();
        assertThat(simulator.subscriberStatuses(1, "user123@gmail.com")).containsExactly(Map.entry("sblist0000001", "blacklisted"));
        assertThat(simulator.subscriberStatuses(2, "user123@gmail.com")).isEmpty();
        Response everywhere = tenantA.get("/lists/subscribers/search-by-email-in-all-lists", Map.of("EMAIL", "user123@gmail.com"));
        assertThat(MailwizzClient.texts(everywhere.json().path("data").path("records"), "status")).containsExactly("blacklisted");
        Response stats = tenantA.get("/campaigns/" + campaign + "/stats");
        assertThat(stats.json().path("data").path("hard_bounces_count").asLong()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void messageIdsOfOtherCustomersOrReservedDomainsAreNotFound() {
        String messageId = "x1~dave=yahoo.com@pmta-2.sandbox.local";
        assertThat(tenantA.get("/campaigns/delivery-logs/email-message-id/" + MailwizzClient.segment(messageId)).status()).isEqualTo(200);
        Response otherCustomer = tenantB.get("/campaigns/delivery-logs/email-message-id/" + MailwizzClient.segment(messageId));
        assertThat(otherCustomer.status()).isEqualTo(404);
        assertThat(otherCustomer.json().path("status").asText()).isEqualTo("error");
        assertThat(tenantA.get("/campaigns/delivery-logs/email-message-id/" + MailwizzClient.segment("abc@mail.invalid")).status())
                .isEqualTo(404);
        assertThat(tenantB.get("/campaigns/sbcamp0000001").status()).isEqualTo(404);
        assertThat(tenantB.send("POST", "/campaigns/sbcamp0000001/bounces",
                Map.of("subscriber_uid", "x", "bounce_type", "hard", "message", "m")).status()).isEqualTo(404);
    }

    @Test
    void messageIdWithoutRecipientMapsToAPlaceholderAndRecordedDeliveriesToTheirAddress() {
        Response unknown = tenantB.get("/campaigns/delivery-logs/email-message-id/" + MailwizzClient.segment("opaque-42@pmta.local"));
        assertThat(unknown.status()).isEqualTo(200);
        assertThat(unknown.json().path("data").path("record").path("subscriber").path("email").asText())
                .matches("msg-[0-9a-f]{12}@unknown-recipient\\.invalid");
        assertThat(unknown.json().path("data").path("record").path("campaign").path("campaign_uid").asText()).isEqualTo("sbcamp0000002");

        simulator.recordDelivery(2, "<known-7@pmta.local>", "erin@outlook.com");
        Response known = tenantB.get("/campaigns/delivery-logs/email-message-id/" + MailwizzClient.segment("known-7@pmta.local"));
        assertThat(known.json().path("data").path("record").path("subscriber").path("email").asText()).isEqualTo("erin@outlook.com");
    }

    @Test
    void complaintUnsubscribesTheAddressFromAllListsOfThatCustomerOnly() {
        Response done = tenantB.send("PUT", "/lists/subscribers/unsubscribe-by-email-from-all-lists", Map.of("EMAIL", "carol@yahoo.com"));
        assertThat(done.status()).isEqualTo(200);
        assertThat(done.json().path("status").asText()).isEqualTo("success");
        assertThat(simulator.suppressions()).filteredOn(s -> s.email().equals("carol@yahoo.com")).singleElement().satisfies(s -> {
            assertThat(s.kind()).isEqualTo(Suppression.Kind.UNSUBSCRIBE);
            assertThat(s.customerId()).isEqualTo(2);
            assertThat(s.listUid()).isEqualTo("sblist0000002");
        });
        Response search = tenantB.get("/lists/subscribers/search-by-email-in-all-lists", Map.of("EMAIL", "carol@yahoo.com"));
        assertThat(MailwizzClient.texts(search.json().path("data").path("records"), "status")).containsExactly("unsubscribed");
        assertThat(MailwizzClient.texts(search.json().path("data").path("records"), "list", "list_uid")).containsExactly("sblist0000002");

        Response nobody = tenantB.send("PUT", "/lists/subscribers/unsubscribe-by-email-from-all-lists",
                Map.of("EMAIL", "nobody@nowhere.invalid"));
        assertThat(nobody.status()).isEqualTo(404);
        assertThat(nobody.json().path("error").asText()).isEqualTo("The subscriber does not exist.");
    }

    @Test
    void blacklistFallbackFindsTheAddressInEveryListAndBlacklistsIt() {
        Response found = tenantA.get("/lists/subscribers/search-by-email-in-all-lists", Map.of("EMAIL", "alice@example.com"));
        assertThat(found.status()).isEqualTo(200);
        JsonNode record = found.json().path("data").path("records").get(0);
        assertThat(record.path("list").path("list_uid").asText()).isEqualTo("lista0000001");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("EMAIL", "alice@example.com");
        body.put("details", Map.of("status", "blacklisted"));
        Response updated = tenantA.send("PUT", "/lists/lista0000001/subscribers/" + record.path("subscriber_uid").asText(), body);
        assertThat(updated.status()).isEqualTo(200);
        assertThat(updated.json().path("data").path("record").path("status").asText()).isEqualTo("blacklisted");
        assertThat(simulator.suppressions()).filteredOn(s -> s.email().equals("alice@example.com")).singleElement()
                .satisfies(s -> assertThat(s.kind()).isEqualTo(Suppression.Kind.BLACKLIST));
        // tenant B does not find tenant A's subscriber in its own lists: the address is not in them
        assertThat(tenantB.get("/lists/listb0000001/subscribers/search-by-email", Map.of("EMAIL", "alice@example.com")).status())
                .isEqualTo(404);
        assertThat(tenantA.get("/lists/subscribers/search-by-email-in-all-lists", Map.of("EMAIL", "zed@x.invalid")).status())
                .isEqualTo(404);
    }

    @Test
    void campaignCanBePausedAndUnpaused() {
        assertThat(tenantA.get("/campaigns/sbcamp0000001").json().path("data").path("record").path("status").asText()).isEqualTo("sending");
        Response paused = tenantA.send("PUT", "/campaigns/sbcamp0000001/pause-unpause", Map.of());
        assertThat(paused.status()).isEqualTo(200);
        assertThat(paused.json().path("campaign").path("status").asText()).isEqualTo("paused");
        assertThat(tenantA.send("PUT", "/campaigns/sbcamp0000001/pause-unpause", Map.of()).json().path("campaign").path("status").asText())
                .isEqualTo("sending");
        assertThat(MailwizzClient.texts(tenantA.get("/campaigns").json().path("data").path("records"), "campaign_uid"))
                .containsExactly("sbcamp0000001");
    }

    @Test
    void templatesAreCreatedAndReadBackPerCustomer() {
        Response created = tenantB.send("POST", "/templates", Map.of("template", Map.of("name", "Welcome", "content", "<p>Hi *you*</p>")));
        assertThat(created.status()).isEqualTo(201);
        String uid = created.json().path("template_uid").asText();
        assertThat(tenantB.get("/templates/" + uid).json().path("data").path("record").path("content").asText()).isEqualTo("<p>Hi *you*</p>");
        assertThat(tenantA.get("/templates/" + uid).status()).isEqualTo(404);
        Response invalid = tenantB.send("POST", "/templates", Map.of("template", Map.of("name", "")));
        assertThat(invalid.status()).isEqualTo(422);
        assertThat(invalid.json().path("error").path("content").asText()).isNotEmpty();
    }

    @Test
    void failNextRequestsAnswersTheGivenStatusThenRecovers() {
        simulator.failNextRequests(2, 503);
        Response first = tenantA.get("/lists");
        Response second = tenantB.get("/lists");
        Response third = tenantA.get("/lists");
        assertThat(List.of(first.status(), second.status(), third.status())).containsExactly(503, 503, 200);
        assertThat(first.json().path("error").asText()).isEqualTo("The application is currently offline.");
    }

    // ---- the page and the summary -----------------------------------------------------------------------------------

    @Test
    void pageShowsServersChangesAndSuppressionsWithHtmlEscaped() throws Exception {
        String messageId = "evil-1~mallory=evil.com@pmta.local";
        String subscriber = tenantA.get("/campaigns/delivery-logs/email-message-id/" + MailwizzClient.segment(messageId)).json()
                .path("data").path("record").path("subscriber").path("subscriber_uid").asText();
        assertThat(tenantA.send("POST", "/campaigns/sbcamp0000001/bounces", Map.of("subscriber_uid", subscriber, "bounce_type", "hard",
                "message", "<script>alert('x')</script>")).status()).isEqualTo(201);
        HttpResponse<String> page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(simulator.pageUrl())).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/html"));
        assertThat(page.body()).contains("v203-0-113-10").contains("mallory@evil.com")
                .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;").doesNotContain("<script>");
    }

    @Test
    void describeNamesWhereToLookWithoutSecrets() {
        List<String> lines = new ArrayList<>(simulator.describe());
        assertThat(String.join("\n", lines)).contains(simulator.baseUrl()).contains(simulator.jdbcUrl()).contains("tenant-b")
                .doesNotContain(KEY_A).doesNotContain(PRIV_B).doesNotContain(PUB_B).doesNotContain(simulator.databasePassword());
        assertThat(simulator.baseUrl()).matches("http://127\\.0\\.0\\.1:\\d+/api/index\\.php");
    }
}
