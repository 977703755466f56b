package io.emailengine.testsupport;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a {@link TestDatabase} parameter resolved by {@link RealInfrastructureExtension} as a fresh MariaDB database
 * (without it, a {@code TestDatabase} parameter is a fresh PostgreSQL database).
 */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface MariaDbDatabase {
}
