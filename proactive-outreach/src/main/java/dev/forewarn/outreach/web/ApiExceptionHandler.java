package dev.forewarn.outreach.web;

import dev.forewarn.rules.document.RuleValidationException;
import java.sql.SQLException;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.web.ErrorResponse;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Turns refused input into 400 (413 for a body over the size limit), unknown resources into 404 and
 * actions the resource's state does not allow into 409, always naming what is wrong.
 */
@RestControllerAdvice
class ApiExceptionHandler {

  @ExceptionHandler(RuleValidationException.class)
  @ResponseStatus(HttpStatus.BAD_REQUEST)
  ApiError invalidRule(RuleValidationException e) {
    String message = e.getMessage();
    String prefix = e.field() + ": ";
    return new ApiError(
        e.field(), message.startsWith(prefix) ? message.substring(prefix.length()) : message);
  }

  @ExceptionHandler(BadRequestException.class)
  @ResponseStatus(HttpStatus.BAD_REQUEST)
  ApiError badRequest(BadRequestException e) {
    return new ApiError(e.field(), e.getMessage());
  }

  @ExceptionHandler(MethodArgumentNotValidException.class)
  @ResponseStatus(HttpStatus.BAD_REQUEST)
  ApiError invalidBody(MethodArgumentNotValidException e) {
    FieldError first = e.getBindingResult().getFieldErrors().get(0);
    return new ApiError(first.getField(), first.getDefaultMessage());
  }

  @ExceptionHandler(HandlerMethodValidationException.class)
  @ResponseStatus(HttpStatus.BAD_REQUEST)
  ApiError invalidParameter(HandlerMethodValidationException e) {
    var result = e.getParameterValidationResults().get(0);
    return new ApiError(
        result.getMethodParameter().getParameterName(),
        result.getResolvableErrors().stream()
            .map(error -> error.getDefaultMessage())
            .collect(Collectors.joining("; ")));
  }

  @ExceptionHandler(MethodArgumentTypeMismatchException.class)
  @ResponseStatus(HttpStatus.BAD_REQUEST)
  ApiError wrongType(MethodArgumentTypeMismatchException e) {
    return new ApiError(e.getName(), "cannot read '" + e.getValue() + "'");
  }

  /** 400 saying what is wrong with the body; 413 when a chunked body outgrew the limit. */
  @ExceptionHandler(HttpMessageNotReadableException.class)
  ResponseEntity<ApiError> unreadable(HttpMessageNotReadableException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof BodyTooLargeException tooLarge) {
        return ResponseEntity.status(HttpStatus.PAYLOAD_TOO_LARGE)
            .body(new ApiError(null, tooLarge.getMessage()));
      }
    }
    return ResponseEntity.badRequest().body(JsonProblems.describe(e));
  }

  /** A chunked body that grew past the limit while a controller read it. */
  @ExceptionHandler(BodyTooLargeException.class)
  ResponseEntity<ApiError> tooLarge(BodyTooLargeException e) {
    // An entity, not @ResponseStatus: the API description lists 413 only where a body is read.
    return ResponseEntity.status(HttpStatus.PAYLOAD_TOO_LARGE)
        .body(new ApiError(null, e.getMessage()));
  }

  /**
   * A value PostgreSQL refuses as data (SQL state class 22), such as text with a NUL character: the
   * statement failed, its transaction rolled back, and the caller hears which kind of value it was.
   */
  @ExceptionHandler(DataIntegrityViolationException.class)
  ResponseEntity<ApiError> unstorable(DataIntegrityViolationException e) {
    Optional<SQLException> sql = sqlCause(e);
    String state = sql.map(SQLException::getSQLState).orElse("");
    if (!state.startsWith("22")) {
      throw e;
    }
    String message = sql.map(SQLException::getMessage).orElse("");
    String reason =
        message.contains("Zero bytes") || message.contains("0x00") || message.contains("\\u0000")
            ? "text may not contain the NUL character (U+0000)"
            : "a value is malformed or out of range";
    return ResponseEntity.badRequest()
        .body(new ApiError(null, "the request cannot be stored: " + reason));
  }

  private static Optional<SQLException> sqlCause(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql) {
        return Optional.of(sql);
      }
    }
    return Optional.empty();
  }

  /** Wrong method, media type or path: Spring's own status, in our error shape. */
  @ExceptionHandler({
    HttpMediaTypeNotSupportedException.class,
    HttpRequestMethodNotSupportedException.class,
    NoResourceFoundException.class
  })
  ResponseEntity<ApiError> framework(ErrorResponse e) {
    return ResponseEntity.status(e.getStatusCode())
        .body(new ApiError(null, e.getBody().getDetail()));
  }

  @ExceptionHandler(ConflictException.class)
  @ResponseStatus(HttpStatus.CONFLICT)
  ApiError conflict(ConflictException e) {
    return new ApiError(null, e.getMessage());
  }

  @ExceptionHandler(ServiceUnavailableException.class)
  @ResponseStatus(HttpStatus.SERVICE_UNAVAILABLE)
  ApiError unavailable(ServiceUnavailableException e) {
    return new ApiError(null, e.getMessage());
  }

  @ExceptionHandler(NotFoundException.class)
  @ResponseStatus(HttpStatus.NOT_FOUND)
  ApiError notFound(NotFoundException e) {
    return new ApiError(null, e.getMessage());
  }
}
