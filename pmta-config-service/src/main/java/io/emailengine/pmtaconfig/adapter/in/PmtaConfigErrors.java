package io.emailengine.pmtaconfig.adapter.in;

import io.emailengine.kit.web.ApiError;
import io.emailengine.pmtaconfig.application.Deployments;
import io.emailengine.pmtaconfig.application.DkimKeys;
import io.emailengine.pmtaconfig.application.OperatorQueries;
import io.emailengine.pmtaconfig.domain.InvalidConfigValueException;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.util.List;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** This service's errors in the kit's envelope; ordered before the kit's generic IllegalArgumentException handler. */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class PmtaConfigErrors {

    private final Clock clock;

    PmtaConfigErrors(Clock clock) {
        this.clock = clock;
    }

    @ExceptionHandler(InvalidConfigValueException.class)
    ResponseEntity<ApiError> invalid(InvalidConfigValueException e, HttpServletRequest request) {
        return answer(HttpStatus.BAD_REQUEST, "invalid value for " + e.field(), request,
                List.of(new ApiError.FieldProblem(e.field(), e.reason())));
    }

    @ExceptionHandler({Deployments.UnknownHostException.class, DkimKeys.NoSuchKeyException.class,
            OperatorQueries.NoSuchVersionException.class})
    ResponseEntity<ApiError> notFound(RuntimeException e, HttpServletRequest request) {
        return answer(HttpStatus.NOT_FOUND, e.getMessage(), request, List.of());
    }

    @ExceptionHandler(DkimKeys.KeyExistsException.class)
    ResponseEntity<ApiError> conflict(RuntimeException e, HttpServletRequest request) {
        return answer(HttpStatus.CONFLICT, e.getMessage(), request, List.of());
    }

    private ResponseEntity<ApiError> answer(HttpStatus status, String message, HttpServletRequest request,
                                            List<ApiError.FieldProblem> fields) {
        return ResponseEntity.status(status).body(new ApiError(status.value(), status.getReasonPhrase(), message,
                request.getRequestURI(), fields, clock.instant()));
    }
}
