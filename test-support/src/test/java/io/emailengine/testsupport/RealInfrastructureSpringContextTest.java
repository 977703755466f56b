package io.emailengine.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.junit.jupiter.SpringExtension;

/** The factory is found through spring.factories by the real Spring TestContext framework and wins over test properties. */
@ExtendWith(SpringExtension.class)
@ContextConfiguration(classes = RealInfrastructureSpringContextTest.EmptyConfig.class)
@TestPropertySource(properties = "spring.datasource.url=jdbc:postgresql://overridden-by-real-infrastructure/none")
@RealInfrastructure(mariadb = true)
class RealInfrastructureSpringContextTest {

    @Configuration(proxyBeanMethods = false)
    static class EmptyConfig {
    }

    @Autowired
    Environment environment;

    @Test
    void springContextSeesTheRealInfrastructureProperties() throws Exception {
        assertThat(environment.getProperty("spring.kafka.bootstrap-servers")).isEqualTo(TestKafka.get().bootstrapServers());
        assertThat(environment.getProperty("email-engine.kafka.bootstrap-servers")).isEqualTo(TestKafka.get().bootstrapServers());
        assertThat(environment.getProperty("spring.datasource.url")).startsWith("jdbc:postgresql://").doesNotContain("overridden-by-real-infrastructure")
                .contains("/t_realinfrastructurespringcontexttest_");
        try (Connection connection = DriverManager.getConnection(environment.getProperty("email-engine.database.url"),
                environment.getProperty("email-engine.database.username"), environment.getProperty("email-engine.database.password"))) {
            assertThat(connection.isValid(5)).isTrue();
        }
        try (Connection connection = DriverManager.getConnection(environment.getProperty("email-engine.test.mariadb.url"),
                environment.getProperty("email-engine.test.mariadb.username"), environment.getProperty("email-engine.test.mariadb.password"))) {
            assertThat(connection.isValid(5)).isTrue();
        }
    }
}
