package io.emailengine.testsupport;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Gives a test class real infrastructure: a Kafka broker, a fresh PostgreSQL database and (on request) a fresh
 * MariaDB database, each from an external server, Testcontainers or an embedded server (see {@link TestKafka},
 * {@link TestPostgres}, {@link TestMariaDb}).
 * <p>
 * For Spring tests ({@code @SpringBootTest} and other Spring TestContext tests) {@link RealInfrastructureContextCustomizerFactory}
 * puts the connection settings into the context's environment, with highest precedence:
 * <ul>
 * <li>{@code kafka}: {@code email-engine.kafka.bootstrap-servers} and {@code spring.kafka.bootstrap-servers};</li>
 * <li>{@code postgres}: a fresh database per test class as {@code email-engine.database.url|username|password} and
 * {@code spring.datasource.url|username|password};</li>
 * <li>{@code mariadb}: a fresh database per test class as {@code email-engine.test.mariadb.url|username|password}.</li>
 * </ul>
 * For plain JUnit 5 tests, {@link RealInfrastructureExtension} injects {@link TestKafka}, {@link TestPostgres},
 * {@link TestMariaDb} and {@link TestDatabase} (a fresh PostgreSQL database, or a MariaDB one when the parameter carries
 * {@link MariaDbDatabase}) parameters.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(RealInfrastructureExtension.class)
public @interface RealInfrastructure {

    /** Provide a Kafka broker. */
    boolean kafka() default true;

    /** Provide a fresh PostgreSQL database. */
    boolean postgres() default true;

    /** Provide a fresh MariaDB database. */
    boolean mariadb() default false;
}
