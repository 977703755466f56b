package io.emailengine.simulator.mailwizz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.emailengine.simulator.mailwizz.MailwizzClient.Response;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MailwizzSimulatorLifecycleTest {

    @TempDir
    Path directory;

    private MailwizzSimulatorOptions options(int httpPort) {
        return MailwizzSimulatorOptions.builder(directory).httpPort(httpPort)
                .apiKey(ApiCredentials.v2(1, "tenant-a", "key-a"))
                .deliveryServer(new DeliveryServerSeed(1, 1L, "203.0.113.10", "203.0.113.10", "v203-0-113-10", 100, 1000))
                .build();
    }

    @Test
    void restartOnFixedPortsIsAFreshMailwizzAndConcurrentLookupsCreateOneSubscriber() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        MailwizzSimulator simulator = new MailwizzSimulator(options(port)).start();
        try {
            assertThat(simulator.baseUrl()).isEqualTo("http://127.0.0.1:" + port + "/api/index.php");
            MailwizzClient client = MailwizzClient.apiKey(simulator.baseUrl(), "key-a");
            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                List<Callable<Response>> calls = new ArrayList<>();
                for (int i = 0; i < 16; i++) {
                    calls.add(() -> client.get("/lists/subscribers/search-by-email-in-all-lists", Map.of("EMAIL", "race@gmail.com")));
                    calls.add(() -> client.get("/campaigns/delivery-logs/email-message-id/" + MailwizzClient.segment("r1~race=gmail.com@h")));
                }
                Set<String> subscriberUids = new java.util.HashSet<>();
                for (Future<Response> answer : pool.invokeAll(calls)) {
                    Response response = answer.get();
                    assertThat(response.status()).isEqualTo(200);
                    String uid = response.json().path("data").path("records").path(0).path("subscriber_uid").asText(
                            response.json().path("data").path("record").path("subscriber").path("subscriber_uid").asText());
                    subscriberUids.add(uid);
                }
                assertThat(subscriberUids).hasSize(1);
            } finally {
                pool.shutdownNow();
            }
            try (Connection c = DriverManager.getConnection(simulator.jdbcUrl(), simulator.databaseUser(), simulator.databasePassword());
                 Statement s = c.createStatement()) {
                s.executeUpdate("UPDATE mw_delivery_server SET hourly_quota = 1 WHERE server_id = 1");
            }
            assertThat(simulator.quotaChanges()).hasSize(1);
            String firstPassword = simulator.databasePassword();

            simulator.stop();
            assertThatThrownBy(simulator::baseUrl).isInstanceOf(IllegalStateException.class);
            simulator.start();
            assertThat(simulator.httpPort()).isEqualTo(port);
            assertThat(simulator.quotaChanges()).isEmpty();
            assertThat(simulator.deliveryServer(1).orElseThrow().hourlyQuota()).isEqualTo(100);
            assertThat(simulator.databasePassword()).isEqualTo(firstPassword);
            assertThat(client.get("/lists").status()).isEqualTo(200);
        } finally {
            simulator.close();
        }
    }

    @Test
    void serverOrphanedOnTheSameDirectoryIsStoppedAtTheNextStart() {
        MailwizzSimulator orphan = new MailwizzSimulator(options(0)).start();
        String orphanUrl = orphan.jdbcUrl();
        try (MailwizzSimulator next = new MailwizzSimulator(options(0)).start()) {
            assertThat(next.deliveryServers()).hasSize(1);
            assertThatThrownBy(() -> DriverManager.getConnection(orphanUrl, orphan.databaseUser(), orphan.databasePassword()).close())
                    .isInstanceOf(java.sql.SQLException.class);
        } finally {
            orphan.close();
        }
    }
}
