package io.emailengine.warmup.application;

import io.emailengine.warmup.domain.FieldProblem;
import java.util.List;

/** Input was refused; answered as 400 with every field and reason. */
public class ValidationFailedException extends RuntimeException {

    private final List<FieldProblem> problems;

    public ValidationFailedException(List<FieldProblem> problems) {
        super(problems.stream().map(p -> p.field() + ": " + p.reason()).reduce((a, b) -> a + "; " + b).orElse("invalid input"));
        this.problems = List.copyOf(problems);
    }

    public List<FieldProblem> problems() {
        return problems;
    }
}
