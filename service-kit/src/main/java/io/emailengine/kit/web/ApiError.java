package io.emailengine.kit.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/** The one error envelope of every REST API: what is wrong and where. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ApiError(int status, String error, String message, String path, List<FieldProblem> fields, Instant timestamp) {

    /** One invalid input field and why. */
    public record FieldProblem(String field, String reason) {
    }
}
