package io.emailengine.kit.kafka;

import io.emailengine.events.EventType;
import io.emailengine.kit.config.EmailEngineProperties;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * Declares the topics of the given events, each with its DLT (same partition count, so a
 * dead-lettered record can keep its partition), from the kit's Kafka settings.
 */
public final class KitTopics {

    private final EmailEngineProperties.Kafka settings;
    private final MeterRegistry meters;

    public KitTopics(EmailEngineProperties.Kafka settings, MeterRegistry meters) {
        this.settings = settings;
        this.meters = meters;
    }

    public KafkaAdmin.NewTopics declare(EventType... types) {
        String[] names = new String[types.length];
        for (int i = 0; i < types.length; i++) {
            names[i] = types[i].topic();
        }
        return declareTopics(names);
    }

    /** For topics outside the event registry (tests, tools): each name plus its {@code .dlt}. */
    public KafkaAdmin.NewTopics declareTopics(String... names) {
        List<NewTopic> topics = new ArrayList<>();
        for (String name : names) {
            DeadLetterRecorder.deadLetters(meters, name);
            topics.add(topic(name));
            topics.add(topic(KafkaErrorHandling.deadLetterTopicOf(name)));
        }
        return new KafkaAdmin.NewTopics(topics.toArray(NewTopic[]::new));
    }

    private NewTopic topic(String name) {
        return TopicBuilder.name(name).partitions(settings.partitions()).replicas(settings.replicationFactor()).build();
    }
}
