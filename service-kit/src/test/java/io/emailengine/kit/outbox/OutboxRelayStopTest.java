package io.emailengine.kit.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.emailengine.kit.config.EmailEngineProperties;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.AbstractDataSource;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.transaction.support.TransactionTemplate;

class OutboxRelayStopTest {

    @Test
    void stopInterruptsARoundThatWaitsForADatabaseConnection() throws Exception {
        // A database that has gone away before the service (a connection never comes): without the
        // interrupt, stop() waited out the send timeout and left the round waiting for the pool's.
        UnreachableDatabase database = new UnreachableDatabase();
        KafkaTemplate<String, byte[]> kafka = new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:9",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class)));
        EmailEngineProperties.Outbox settings = new EmailEngineProperties.Outbox(true, Duration.ofMillis(250), 200,
                Duration.ofSeconds(10), Duration.ofDays(7));
        OutboxRelay relay = new OutboxRelay(new JdbcTemplate(database),
                new TransactionTemplate(new DataSourceTransactionManager(database)), kafka, settings, Clock.systemUTC(),
                new SimpleMeterRegistry());
        relay.start();
        assertThat(database.asked.await(10, TimeUnit.SECONDS)).as("a round asked for a connection").isTrue();

        relay.stop();

        assertThat(database.interrupted.getCount()).as("the waiting round was interrupted").isZero();
        assertThat(relay.isRunning()).isFalse();
    }

    /** Hands out no connection: a caller waits until interrupted. */
    private static final class UnreachableDatabase extends AbstractDataSource {
        final CountDownLatch asked = new CountDownLatch(1);
        final CountDownLatch interrupted = new CountDownLatch(1);

        @Override
        public Connection getConnection() throws SQLException {
            asked.countDown();
            try {
                new CountDownLatch(1).await();
                throw new IllegalStateException("unreachable");
            } catch (InterruptedException e) {
                interrupted.countDown();
                Thread.currentThread().interrupt();
                throw new SQLException("interrupted while waiting for a connection", e);
            }
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            return getConnection();
        }
    }
}
