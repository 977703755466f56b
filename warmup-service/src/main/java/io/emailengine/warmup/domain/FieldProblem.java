package io.emailengine.warmup.domain;

/** One invalid input field and why. */
public record FieldProblem(String field, String reason) {
}
