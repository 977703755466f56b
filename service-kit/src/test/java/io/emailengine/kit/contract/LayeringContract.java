package io.emailengine.kit.contract;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The package rules of every service (domain, application, adapter/in, adapter/out, config):
 * the domain stays pure Java, the application layer talks to the outside only through ports,
 * and adapters never call each other.
 */
public abstract class LayeringContract {

    /** The service's root package, e.g. {@code io.emailengine.warmup}. */
    protected abstract String basePackage();

    private JavaClasses classes() {
        return new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages(basePackage());
    }

    @Test
    void domainDependsOnNoFramework() {
        noClasses().that().resideInAPackage(basePackage() + ".domain..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "org.apache.kafka..",
                        "jakarta.persistence..", "jakarta.servlet..", "org.hibernate..", "com.fasterxml.jackson..",
                        "java.sql..", basePackage() + ".adapter..", basePackage() + ".config..")
                .allowEmptyShould(true)
                .check(classes());
    }

    @Test
    void applicationLayerDoesNotReachIntoAdapters() {
        noClasses().that().resideInAPackage(basePackage() + ".application..")
                .should().dependOnClassesThat().resideInAnyPackage(basePackage() + ".adapter..", "org.apache.kafka..",
                        "org.springframework.kafka..", "org.springframework.jdbc..", "org.springframework.web..")
                .allowEmptyShould(true)
                .check(classes());
    }

    @Test
    void inboundAdaptersDoNotCallOutboundAdapters() {
        noClasses().that().resideInAPackage(basePackage() + ".adapter.in..")
                .should().dependOnClassesThat().resideInAPackage(basePackage() + ".adapter.out..")
                .allowEmptyShould(true)
                .check(classes());
    }

    @Test
    void outboundAdaptersDoNotCallInboundAdapters() {
        noClasses().that().resideInAPackage(basePackage() + ".adapter.out..")
                .should().dependOnClassesThat().resideInAPackage(basePackage() + ".adapter.in..")
                .allowEmptyShould(true)
                .check(classes());
    }
}
