package io.emailengine.sandbox;

import java.util.List;
import java.util.Map;

import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * A single-node KRaft Kafka broker in the launcher's JVM, on a fixed port.
 * <p>
 * {@code EmbeddedKafkaKraftBroker.kafkaPorts(...)} is ignored by the KRaft broker (spring-kafka 3.3 never reads it),
 * so the port is pinned through the {@code listeners} broker property, which Kafka's test kit only defaults when absent.
 */
public final class EmbeddedKafka implements Component {

    private final int port;
    private EmbeddedKafkaKraftBroker broker;

    public EmbeddedKafka(int port) {
        this.port = port;
    }

    @Override
    public String name() {
        return "kafka";
    }

    public String bootstrapServers() {
        return "localhost:" + port;
    }

    static Map<String, String> brokerProperties(int port) {
        return Map.of(
                "listeners", "EXTERNAL://localhost:" + port + ",CONTROLLER://localhost:0",
                "offsets.topic.replication.factor", "1",
                "transaction.state.log.replication.factor", "1",
                "transaction.state.log.min.isr", "1",
                "group.initial.rebalance.delay.ms", "0",
                "auto.create.topics.enable", "true");
    }

    @Override
    public void start() {
        Ports.requireFree(port, "Kafka (--kafka-port)");
        EmbeddedKafkaKraftBroker kraft = new EmbeddedKafkaKraftBroker(1, 3);
        kraft.brokerProperties(brokerProperties(port));
        kraft.kafkaPorts(port); // documents the intent; the listeners property above is what pins the port
        kraft.afterPropertiesSet();
        broker = kraft;
        String actual = kraft.getBrokersAsString();
        if (!actual.endsWith(":" + port)) {
            stop();
            throw new IllegalStateException("Kafka started on " + actual + " instead of port " + port);
        }
    }

    @Override
    public void stop() {
        EmbeddedKafkaKraftBroker kraft = broker;
        broker = null;
        if (kraft != null) {
            try {
                kraft.destroy();
            } catch (RuntimeException e) {
                System.err.println("Stopping Kafka failed: " + e);
            }
        }
    }

    @Override
    public List<String> describe() {
        return List.of("Kafka bootstrap servers: " + bootstrapServers());
    }
}
