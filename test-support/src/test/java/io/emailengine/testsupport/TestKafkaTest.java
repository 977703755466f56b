package io.emailengine.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class TestKafkaTest {

    @Test
    void producedRecordIsConsumedFromTheSharedBroker() throws Exception {
        TestKafka kafka = TestKafka.get();
        LoggerFactory.getLogger(getClass()).info("STARTUP kafka source={} took {} ms", kafka.source(), kafka.startupTime().toMillis());
        String topic = "roundtrip-" + UUID.randomUUID();
        kafka.createTopics(1, topic);

        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
            producer.send(new ProducerRecord<>(topic, "key-1", "hello kafka")).get();
        }

        List<ConsumerRecord<String, String>> received = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "group-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class))) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (received.isEmpty() && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(500)).forEach(received::add);
            }
        }

        assertThat(received).hasSize(1);
        assertThat(received.get(0).key()).isEqualTo("key-1");
        assertThat(received.get(0).value()).isEqualTo("hello kafka");
    }

    @Test
    void createTopicsIsIdempotentAndUsesTheRequestedPartitionCount() throws Exception {
        TestKafka kafka = TestKafka.get();
        String topic = "idempotent-" + UUID.randomUUID();

        kafka.createTopics(2, topic);
        kafka.createTopics(2, topic);

        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            var description = admin.describeTopics(Set.of(topic)).allTopicNames().get().get(topic);
            assertThat(description.partitions()).hasSize(2);
        }
    }

    @Test
    void getReturnsTheSameStartedInstance() {
        TestKafka first = TestKafka.get();
        TestKafka second = TestKafka.get();

        assertThat(second).isSameAs(first);
        assertThat(first.source()).isIn("external", "testcontainers", "embedded");
        assertThat(first.bootstrapServers()).isNotBlank();
    }
}
