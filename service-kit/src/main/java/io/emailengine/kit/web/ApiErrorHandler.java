package io.emailengine.kit.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.ConstraintViolationException;
import java.time.Clock;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Maps the exceptions services throw to {@link ApiError} answers with the right status. */
@RestControllerAdvice
public class ApiErrorHandler {

    private final Clock clock;

    public ApiErrorHandler(Clock clock) {
        this.clock = clock;
    }

    @ExceptionHandler(MethodArgumentNotValidException.class)
    ResponseEntity<ApiError> invalidBody(MethodArgumentNotValidException e, HttpServletRequest request) {
        List<ApiError.FieldProblem> fields = e.getBindingResult().getFieldErrors().stream()
                .map(error -> new ApiError.FieldProblem(error.getField(), error.getDefaultMessage()))
                .toList();
        return answer(HttpStatus.BAD_REQUEST, "request body is invalid", request, fields);
    }

    @ExceptionHandler(ConstraintViolationException.class)
    ResponseEntity<ApiError> invalidParameter(ConstraintViolationException e, HttpServletRequest request) {
        List<ApiError.FieldProblem> fields = e.getConstraintViolations().stream()
                .map(v -> new ApiError.FieldProblem(v.getPropertyPath().toString(), v.getMessage()))
                .toList();
        return answer(HttpStatus.BAD_REQUEST, "request parameters are invalid", request, fields);
    }

    @ExceptionHandler({IllegalArgumentException.class, HttpMessageNotReadableException.class})
    ResponseEntity<ApiError> badRequest(Exception e, HttpServletRequest request) {
        String message = e instanceof HttpMessageNotReadableException unreadable && unreadable.getMostSpecificCause() != null
                ? "unreadable request body: " + unreadable.getMostSpecificCause().getMessage()
                : e.getMessage();
        return answer(HttpStatus.BAD_REQUEST, message, request, List.of());
    }

    @ExceptionHandler(NotFoundException.class)
    ResponseEntity<ApiError> notFound(NotFoundException e, HttpServletRequest request) {
        return answer(HttpStatus.NOT_FOUND, e.getMessage(), request, List.of());
    }

    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<ApiError> forbidden(AccessDeniedException e, HttpServletRequest request) {
        return answer(HttpStatus.FORBIDDEN, e.getMessage(), request, List.of());
    }

    private ResponseEntity<ApiError> answer(HttpStatus status, String message, HttpServletRequest request,
                                            List<ApiError.FieldProblem> fields) {
        return ResponseEntity.status(status).body(new ApiError(status.value(), status.getReasonPhrase(), message,
                request.getRequestURI(), fields, clock.instant()));
    }
}
