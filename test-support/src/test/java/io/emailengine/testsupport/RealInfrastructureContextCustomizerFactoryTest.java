package io.emailengine.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;

class RealInfrastructureContextCustomizerFactoryTest {

    private final RealInfrastructureContextCustomizerFactory factory = new RealInfrastructureContextCustomizerFactory();

    @RealInfrastructure
    static class DefaultInfrastructureTest {
    }

    @RealInfrastructure(mariadb = true)
    static class AllInfrastructureTest {
    }

    @RealInfrastructure(kafka = false, postgres = false, mariadb = true)
    static class MariaDbOnlyTest {
    }

    static class InheritingTest extends DefaultInfrastructureTest {
    }

    static class PlainTest {
    }

    @Test
    void isRegisteredInSpringFactories() {
        List<ContextCustomizerFactory> factories = SpringFactoriesLoader.loadFactories(ContextCustomizerFactory.class, null);

        assertThat(factories).hasAtLeastOneElementOfType(RealInfrastructureContextCustomizerFactory.class);
    }

    @Test
    void classWithoutTheAnnotationGetsNoCustomizer() {
        assertThat(factory.createContextCustomizer(PlainTest.class, List.of())).isNull();
    }

    @Test
    void customizerPutsKafkaPostgresAndMariaDbPropertiesFirstIntoTheEnvironment() throws Exception {
        ConfigurableEnvironment environment = customize(AllInfrastructureTest.class);

        assertThat(environment.getPropertySources().iterator().next().getName())
                .isEqualTo(RealInfrastructureContextCustomizerFactory.PROPERTY_SOURCE_NAME);
        assertThat(environment.getProperty("email-engine.kafka.bootstrap-servers")).isEqualTo(TestKafka.get().bootstrapServers());
        assertThat(environment.getProperty("spring.kafka.bootstrap-servers")).isEqualTo(TestKafka.get().bootstrapServers());
        assertThat(environment.getProperty("email-engine.database.url")).startsWith("jdbc:postgresql:")
                .isEqualTo(environment.getProperty("spring.datasource.url"));
        assertThat(environment.getProperty("email-engine.database.username")).isNotBlank()
                .isEqualTo(environment.getProperty("spring.datasource.username"));
        assertThat(environment.containsProperty("email-engine.database.password")).isTrue();
        assertThat(environment.containsProperty("spring.datasource.password")).isTrue();
        assertThat(environment.getProperty("email-engine.test.mariadb.url")).startsWith("jdbc:mariadb:");
        assertThat(environment.getProperty("email-engine.test.mariadb.username")).isNotBlank();
        assertThat(environment.containsProperty("email-engine.test.mariadb.password")).isTrue();

        try (Connection connection = new TestDatabase(environment.getProperty("spring.datasource.url"),
                environment.getProperty("spring.datasource.username"), environment.getProperty("spring.datasource.password"),
                "check").connect()) {
            assertThat(connection.getCatalog()).startsWith("t_allinfrastructuretest_");
        }
    }

    @Test
    void defaultAnnotationLeavesMariaDbOut() {
        ConfigurableEnvironment environment = customize(DefaultInfrastructureTest.class);

        assertThat(environment.containsProperty("spring.kafka.bootstrap-servers")).isTrue();
        assertThat(environment.containsProperty("spring.datasource.url")).isTrue();
        assertThat(environment.containsProperty("email-engine.test.mariadb.url")).isFalse();
    }

    @Test
    void disabledServersAddNoProperties() {
        ConfigurableEnvironment environment = customize(MariaDbOnlyTest.class);

        assertThat(environment.containsProperty("spring.kafka.bootstrap-servers")).isFalse();
        assertThat(environment.containsProperty("email-engine.kafka.bootstrap-servers")).isFalse();
        assertThat(environment.containsProperty("spring.datasource.url")).isFalse();
        assertThat(environment.containsProperty("email-engine.test.mariadb.url")).isTrue();
    }

    @Test
    void subclassInheritsTheAnnotation() {
        assertThat(factory.createContextCustomizer(InheritingTest.class, List.of())).isNotNull();
    }

    @Test
    void twoTestClassesGetUnequalCustomizersAndOneClassEqualOnes() {
        ContextCustomizer first = factory.createContextCustomizer(DefaultInfrastructureTest.class, List.of());
        ContextCustomizer firstAgain = factory.createContextCustomizer(DefaultInfrastructureTest.class, List.of());
        ContextCustomizer other = factory.createContextCustomizer(InheritingTest.class, List.of());

        assertThat(first).isEqualTo(firstAgain).hasSameHashCodeAs(firstAgain);
        assertThat(first).isNotEqualTo(other);
    }

    @Test
    void eachTestClassGetsItsOwnDatabase() {
        String first = customize(DefaultInfrastructureTest.class).getProperty("spring.datasource.url");
        String second = customize(InheritingTest.class).getProperty("spring.datasource.url");

        assertThat(first).isNotEqualTo(second);
    }

    private ConfigurableEnvironment customize(Class<?> testClass) {
        ContextCustomizer customizer = factory.createContextCustomizer(testClass, List.of());
        assertThat(customizer).isNotNull();
        GenericApplicationContext context = new GenericApplicationContext();
        MergedContextConfiguration mergedConfig = new MergedContextConfiguration(testClass, new String[0], new Class<?>[0],
                new String[0], null);
        customizer.customizeContext(context, mergedConfig);
        return context.getEnvironment();
    }
}
