package io.emailengine.testsupport;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * A real Kafka broker shared by all tests of a JVM: started at most once, on first {@link #get()}, and stopped by a
 * JVM shutdown hook.
 * <p>
 * Where it comes from, in this order: the broker named by {@value #ENV_BOOTSTRAP_SERVERS}; a Testcontainers
 * {@code apache/kafka} container when a Docker engine is reachable; otherwise Kafka's own KRaft broker in-process
 * ({@link EmbeddedKafkaKraftBroker}). Tests isolate themselves by unique topic names (and consumer group ids).
 */
public final class TestKafka {

    public static final String ENV_BOOTSTRAP_SERVERS = "EMAIL_ENGINE_TEST_KAFKA_BOOTSTRAP_SERVERS";
    static final String KAFKA_IMAGE = "apache/kafka:3.9.1";
    static final int DEFAULT_PARTITIONS = 3;

    private static final Logger LOG = LoggerFactory.getLogger(TestKafka.class);
    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(30);

    private static final StartOnce<TestKafka> SHARED = new StartOnce<>("Kafka", TestKafka::start);

    private final String bootstrapServers;
    private final String source;
    private final Duration startupTime;

    private TestKafka(String bootstrapServers, String source, Duration startupTime) {
        this.bootstrapServers = bootstrapServers;
        this.source = source;
        this.startupTime = startupTime;
    }

    /** The shared broker, started on first call (thread-safe). */
    public static TestKafka get() {
        return SHARED.get();
    }

    /** {@code host:port[,host:port...]} for clients. */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** {@code "external"}, {@code "testcontainers"} or {@code "embedded"}. */
    public String source() {
        return source;
    }

    /** How long starting (or reaching) the broker took in this JVM. */
    public Duration startupTime() {
        return startupTime;
    }

    /**
     * Creates the topics that do not exist yet, with the given partition count and the broker's default replication
     * factor, and waits until the broker reports them. Idempotent: existing topics are left as they are.
     */
    public void createTopics(int partitions, String... names) {
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be >= 1: " + partitions);
        }
        if (names == null || names.length == 0) {
            return;
        }
        List<NewTopic> topics = new ArrayList<>();
        for (String name : names) {
            topics.add(new NewTopic(name, Optional.of(partitions), Optional.empty()));
        }
        try (Admin admin = Admin.create(adminConfig())) {
            for (var entry : admin.createTopics(topics).values().entrySet()) {
                try {
                    entry.getValue().get(ADMIN_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("Could not create topic " + entry.getKey() + ": " + e.getCause(), e.getCause());
                    }
                }
            }
            // wait until the metadata of every topic is visible, so producers and consumers see it at once
            admin.describeTopics(Arrays.asList(names)).allTopicNames().get(ADMIN_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating topics " + Arrays.toString(names), e);
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("Could not create topics " + Arrays.toString(names) + ": " + e, e);
        }
    }

    private Map<String, Object> adminConfig() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) ADMIN_TIMEOUT.toMillis());
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) ADMIN_TIMEOUT.toMillis());
        return config;
    }

    @Override
    public String toString() {
        return "TestKafka[" + source + ", " + bootstrapServers + "]";
    }

    private static TestKafka start() {
        long start = System.nanoTime();
        String external = Infra.setting(ENV_BOOTSTRAP_SERVERS);
        if (external != null) {
            return started(external, Infra.SOURCE_EXTERNAL, start, "external broker from " + ENV_BOOTSTRAP_SERVERS);
        }
        if (Infra.dockerAvailable()) {
            try {
                KafkaContainer container = new KafkaContainer(DockerImageName.parse(KAFKA_IMAGE));
                container.start();
                Infra.onShutdown("kafka-container", container::stop);
                return started(container.getBootstrapServers(), Infra.SOURCE_TESTCONTAINERS, start,
                        "Testcontainers " + KAFKA_IMAGE);
            } catch (RuntimeException e) {
                LOG.warn("Kafka container did not start ({}); falling back to the embedded broker", e.toString());
                start = System.nanoTime();
            }
        }
        try {
            EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, DEFAULT_PARTITIONS);
            broker.brokerProperties(embeddedBrokerProperties());
            // by default it also sets the JVM-wide system property spring.kafka.bootstrap-servers, which would leak
            // into every Spring test context (even @RealInfrastructure(kafka = false)); the customizer sets it instead
            broker.brokerListProperty(null);
            broker.afterPropertiesSet();
            Infra.onShutdown("embedded-kafka", broker::destroy);
            return started(broker.getBrokersAsString(), Infra.SOURCE_EMBEDDED, start, "embedded KRaft broker (in-process)");
        } catch (RuntimeException e) {
            throw Infra.startFailure("the embedded Kafka broker", e);
        }
    }

    static Map<String, String> embeddedBrokerProperties() {
        Map<String, String> props = new LinkedHashMap<>();
        props.put("offsets.topic.replication.factor", "1");
        props.put("offsets.topic.num.partitions", "5");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("transaction.state.log.num.partitions", "5");
        props.put("default.replication.factor", "1");
        props.put("min.insync.replicas", "1");
        props.put("group.initial.rebalance.delay.ms", "0");
        props.put("auto.create.topics.enable", "true");
        props.put("num.partitions", String.valueOf(DEFAULT_PARTITIONS));
        props.put("num.network.threads", "2");
        props.put("num.io.threads", "2");
        props.put("background.threads", "2");
        props.put("log.cleaner.enable", "false");
        props.put("log.flush.interval.messages", String.valueOf(Long.MAX_VALUE));
        return props;
    }

    private static TestKafka started(String bootstrapServers, String source, long startNanos, String description) {
        Duration took = Duration.ofMillis(Infra.millisSince(startNanos));
        LOG.info("Kafka for tests: {} at {} [source={}, ready in {} ms]", description, bootstrapServers, source, took.toMillis());
        return new TestKafka(bootstrapServers, source, took);
    }
}
