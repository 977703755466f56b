package io.emailengine.testsupport;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.test.context.TestContextAnnotationUtils;

/**
 * Spring TestContext hook (registered in {@code META-INF/spring.factories}): for a test class carrying
 * {@link RealInfrastructure} it adds a highest-precedence property source pointing the application at the test
 * servers, with a fresh database per test class.
 */
public class RealInfrastructureContextCustomizerFactory implements ContextCustomizerFactory {

    /** Name of the property source added to the test's application context. */
    public static final String PROPERTY_SOURCE_NAME = "emailEngineRealInfrastructure";

    @Override
    public ContextCustomizer createContextCustomizer(Class<?> testClass, List<ContextConfigurationAttributes> configAttributes) {
        RealInfrastructure annotation = TestContextAnnotationUtils.findMergedAnnotation(testClass, RealInfrastructure.class);
        if (annotation == null) {
            return null;
        }
        return new RealInfrastructureContextCustomizer(testClass, annotation.kafka(), annotation.postgres(), annotation.mariadb());
    }

    /**
     * Adds the connection properties. Equality includes the test class, so every test class gets its own databases
     * and its own cached application context.
     */
    static final class RealInfrastructureContextCustomizer implements ContextCustomizer {

        private final Class<?> testClass;
        private final boolean kafka;
        private final boolean postgres;
        private final boolean mariadb;

        RealInfrastructureContextCustomizer(Class<?> testClass, boolean kafka, boolean postgres, boolean mariadb) {
            this.testClass = testClass;
            this.kafka = kafka;
            this.postgres = postgres;
            this.mariadb = mariadb;
        }

        @Override
        public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration mergedConfig) {
            context.getEnvironment().getPropertySources().addFirst(new MapPropertySource(PROPERTY_SOURCE_NAME, properties()));
        }

        Map<String, Object> properties() {
            return RealInfrastructureProperties.of(testClass.getSimpleName(), kafka, postgres, mariadb);
        }

        Class<?> testClass() {
            return testClass;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof RealInfrastructureContextCustomizer that
                    && testClass == that.testClass && kafka == that.kafka && postgres == that.postgres && mariadb == that.mariadb;
        }

        @Override
        public int hashCode() {
            return Objects.hash(testClass, kafka, postgres, mariadb);
        }

        @Override
        public String toString() {
            return "RealInfrastructure[" + testClass.getName() + ", kafka=" + kafka + ", postgres=" + postgres
                    + ", mariadb=" + mariadb + "]";
        }
    }
}
