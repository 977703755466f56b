package io.emailengine.testsupport;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The settings that point a service at the shared test servers: Kafka, a fresh PostgreSQL database
 * (and a fresh MariaDB one when asked). {@link RealInfrastructure} applies them to Spring tests;
 * benchmarks and other mains pass {@link #forService(String)} to their {@code SpringApplicationBuilder}.
 */
public final class RealInfrastructureProperties {

    private RealInfrastructureProperties() {
    }

    /** Kafka plus a fresh PostgreSQL database whose name is derived from {@code hint}. */
    public static Map<String, Object> forService(String hint) {
        return of(hint, true, true, false);
    }

    static Map<String, Object> of(String hint, boolean kafka, boolean postgres, boolean mariadb) {
        Map<String, Object> properties = new LinkedHashMap<>();
        if (kafka) {
            String bootstrapServers = TestKafka.get().bootstrapServers();
            properties.put("email-engine.kafka.bootstrap-servers", bootstrapServers);
            properties.put("spring.kafka.bootstrap-servers", bootstrapServers);
            // Cached contexts of other test classes stay alive with their listeners; a consumer
            // group of its own keeps each context from being handed another context's partitions.
            properties.put("spring.kafka.consumer.group-id", "test-" + hint + "-" + UUID.randomUUID());
        }
        if (postgres) {
            TestDatabase database = TestPostgres.get().createDatabase(hint);
            properties.put("email-engine.database.url", database.jdbcUrl());
            properties.put("email-engine.database.username", database.username());
            properties.put("email-engine.database.password", database.password());
            properties.put("spring.datasource.url", database.jdbcUrl());
            properties.put("spring.datasource.username", database.username());
            properties.put("spring.datasource.password", database.password());
        }
        if (mariadb) {
            TestDatabase database = TestMariaDb.get().createDatabase(hint);
            properties.put("email-engine.test.mariadb.url", database.jdbcUrl());
            properties.put("email-engine.test.mariadb.username", database.username());
            properties.put("email-engine.test.mariadb.password", database.password());
        }
        return properties;
    }
}
