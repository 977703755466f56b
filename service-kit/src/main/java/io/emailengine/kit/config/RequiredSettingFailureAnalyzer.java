package io.emailengine.kit.config;

import java.util.Locale;
import java.util.stream.Collectors;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;
import org.springframework.validation.FieldError;

/**
 * Turns a failed validation of {@code email-engine.*} settings into one line per setting that
 * names the property and the environment variable an operator would set, instead of Spring's
 * multi-line binding report. Rejected values are never echoed: they may be secrets.
 */
public class RequiredSettingFailureAnalyzer extends AbstractFailureAnalyzer<BindValidationException>
        implements Ordered {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, BindValidationException cause) {
        String lines = cause.getValidationErrors().getAllErrors().stream()
                .map(error -> {
                    String property = cause.getValidationErrors().getName() + "."
                            + (error instanceof FieldError field ? field.getField() : error.getObjectName());
                    return describe(property, error.getDefaultMessage());
                })
                .sorted()
                .collect(Collectors.joining(System.lineSeparator()));
        return new FailureAnalysis(lines,
                "Set the named settings (environment variables or application properties) and start again.",
                cause);
    }

    static String describe(String property, String reason) {
        String kebab = property.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
        String env = kebab.replaceAll("\\[(\\d+)]", "_$1").replace('.', '_').replace('-', '_').toUpperCase(Locale.ROOT);
        String kind = reason != null && (reason.contains("blank") || reason.contains("null") || reason.contains("empty"))
                ? "Missing required setting" : "Invalid setting";
        return kind + " '" + kebab + "' (environment variable " + env + "): " + reason;
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
