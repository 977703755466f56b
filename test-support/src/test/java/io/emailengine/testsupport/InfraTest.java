package io.emailengine.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class InfraTest {

    @Test
    void databaseNamesAreSafeUniqueAndBounded() {
        String a = Infra.databaseName("com.example.Some$Nested-Test ✓");
        String b = Infra.databaseName("com.example.Some$Nested-Test ✓");
        String longName = Infra.databaseName("x".repeat(200) + "TailOfAVeryLongClassName");

        assertThat(a).matches("[a-z][a-z0-9_]*").startsWith("t_com_example_some_nested_test_").isNotEqualTo(b);
        assertThat(longName).hasSizeLessThanOrEqualTo(60).contains("tailofaverylongclassname").matches("[a-z][a-z0-9_]*");
        assertThat(Infra.databaseName(null)).startsWith("t_db_");
        assertThat(Infra.requireSafeName(a)).isEqualTo(a);
    }

    @Test
    void unsafeNamesAreRejected() {
        assertThatThrownBy(() -> Infra.requireSafeName("x; DROP DATABASE y")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Infra.requireSafeName("Upper")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void jdbcUrlDatabaseIsReplacedKeepingHostsAndParameters() {
        assertThat(Infra.jdbcUrlWithDatabase("jdbc:postgresql://db:5432/postgres?sslmode=disable", "t_x"))
                .isEqualTo("jdbc:postgresql://db:5432/t_x?sslmode=disable");
        assertThat(Infra.jdbcUrlWithDatabase("jdbc:postgresql://a:1,b:2/", "t_x")).isEqualTo("jdbc:postgresql://a:1,b:2/t_x");
        assertThat(Infra.jdbcUrlWithDatabase("jdbc:mariadb://localhost:3306", "t_x")).isEqualTo("jdbc:mariadb://localhost:3306/t_x");
        assertThat(Infra.jdbcUrlWithDatabase("jdbc:mariadb://h:3306?useSsl=false", "t_x")).isEqualTo("jdbc:mariadb://h:3306/t_x?useSsl=false");
    }

    @Test
    void aServersShutdownWaitsForSpringsHookEvenWhenItStartsLater() throws Exception {
        // Spring's hook starts after the server's (the JVM starts hooks one by one) and takes a while
        // to close its contexts; the server must stop only once it is done.
        AtomicBoolean contextsClosed = new AtomicBoolean();
        Thread spring = new Thread(() -> {
            try {
                Thread.sleep(300);
                contextsClosed.set(true);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "SpringApplicationShutdownHook");
        Thread starter = new Thread(() -> {
            try {
                Thread.sleep(100);
                spring.start();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        starter.start();

        Infra.awaitApplicationContextsClosed();

        assertThat(contextsClosed).as("returned after Spring's hook finished").isTrue();
        starter.join();
    }
}
