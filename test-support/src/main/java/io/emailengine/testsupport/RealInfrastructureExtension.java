package io.emailengine.testsupport;

import java.util.Set;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension (registered by {@link RealInfrastructure}) that injects {@link TestKafka}, {@link TestPostgres},
 * {@link TestMariaDb} and {@link TestDatabase} parameters into constructors, lifecycle and test methods.
 * <p>
 * Each {@code TestDatabase} parameter is a new, empty database named after the test class: PostgreSQL by default,
 * MariaDB when the parameter is annotated {@link MariaDbDatabase}. Servers start lazily on first use.
 */
public class RealInfrastructureExtension implements ParameterResolver {

    private static final Set<Class<?>> SUPPORTED = Set.of(TestKafka.class, TestPostgres.class, TestMariaDb.class, TestDatabase.class);

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return SUPPORTED.contains(parameterContext.getParameter().getType());
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        Class<?> type = parameterContext.getParameter().getType();
        try {
            if (type == TestKafka.class) {
                return TestKafka.get();
            }
            if (type == TestPostgres.class) {
                return TestPostgres.get();
            }
            if (type == TestMariaDb.class) {
                return TestMariaDb.get();
            }
            if (type == TestDatabase.class) {
                String hint = extensionContext.getTestClass().map(Class::getSimpleName).orElse("test");
                return parameterContext.isAnnotated(MariaDbDatabase.class)
                        ? TestMariaDb.get().createDatabase(hint)
                        : TestPostgres.get().createDatabase(hint);
            }
        } catch (RuntimeException e) {
            throw new ParameterResolutionException("Could not provide " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
        throw new ParameterResolutionException("Unsupported parameter type " + type);
    }
}
