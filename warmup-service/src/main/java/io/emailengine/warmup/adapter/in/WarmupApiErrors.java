package io.emailengine.warmup.adapter.in;

import io.emailengine.kit.web.ApiError;
import io.emailengine.warmup.application.ConflictException;
import io.emailengine.warmup.application.NotReadyException;
import io.emailengine.warmup.application.ValidationFailedException;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.util.List;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** The module's own error answers, in the kit's {@link ApiError} envelope. */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class WarmupApiErrors {

    private final Clock clock;

    WarmupApiErrors(Clock clock) {
        this.clock = clock;
    }

    @ExceptionHandler(ValidationFailedException.class)
    ResponseEntity<ApiError> invalid(ValidationFailedException e, HttpServletRequest request) {
        return answer(HttpStatus.BAD_REQUEST, "request is invalid", request, e.problems().stream()
                .map(p -> new ApiError.FieldProblem(p.field(), p.reason())).toList());
    }

    @ExceptionHandler(ConflictException.class)
    ResponseEntity<ApiError> conflict(ConflictException e, HttpServletRequest request) {
        return answer(HttpStatus.CONFLICT, e.getMessage(), request, List.of());
    }

    /** Two concurrent registrations of one IP: the loser gets the same answer as a sequential one. */
    @ExceptionHandler(DuplicateKeyException.class)
    ResponseEntity<ApiError> duplicate(DuplicateKeyException e, HttpServletRequest request) {
        return answer(HttpStatus.CONFLICT, "already registered", request, List.of());
    }

    @ExceptionHandler(NotReadyException.class)
    ResponseEntity<ApiError> notReady(NotReadyException e, HttpServletRequest request) {
        return answer(HttpStatus.CONFLICT, e.getMessage(), request, e.report().checks().stream()
                .filter(c -> !c.passed())
                .map(c -> new ApiError.FieldProblem("dns." + c.name(), c.found())).toList());
    }

    private ResponseEntity<ApiError> answer(HttpStatus status, String message, HttpServletRequest request,
                                            List<ApiError.FieldProblem> fields) {
        return ResponseEntity.status(status).body(new ApiError(status.value(), status.getReasonPhrase(), message,
                request.getRequestURI(), fields, clock.instant()));
    }
}
