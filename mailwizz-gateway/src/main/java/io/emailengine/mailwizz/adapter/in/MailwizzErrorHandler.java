package io.emailengine.mailwizz.adapter.in;

import io.emailengine.kit.web.ApiError;
import io.emailengine.mailwizz.application.MailwizzCallException;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.List;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * MailWizz's answers as the facade's HTTP statuses. A MailWizz auth failure (400) is the gateway's
 * configuration problem, not the client's: 502, with no detail that could leak key material.
 */
@RestControllerAdvice(assignableTypes = {TenantMailwizzController.class, AdminMailwizzController.class})
@Order(Ordered.HIGHEST_PRECEDENCE)
class MailwizzErrorHandler {

    @ExceptionHandler(MailwizzCallException.class)
    ResponseEntity<ApiError> mailwizzFailed(MailwizzCallException e, HttpServletRequest request) {
        HttpStatus status = switch (e.kind()) {
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case CONFLICT -> HttpStatus.CONFLICT;
            case VALIDATION -> HttpStatus.UNPROCESSABLE_ENTITY;
            case UNAVAILABLE -> HttpStatus.SERVICE_UNAVAILABLE;
            case AUTH, FORBIDDEN, REJECTED -> HttpStatus.BAD_GATEWAY;
        };
        String message = switch (e.kind()) {
            case AUTH -> "MailWizz refused the gateway's credentials for this tenant; an operator must check the configuration";
            case UNAVAILABLE -> "MailWizz is unavailable; try again later";
            default -> "MailWizz: " + e.getMessage();
        };
        ApiError body = new ApiError(status.value(), status.getReasonPhrase(), message, request.getRequestURI(), List.of(),
                Instant.now());
        return ResponseEntity.status(status).body(body);
    }
}
