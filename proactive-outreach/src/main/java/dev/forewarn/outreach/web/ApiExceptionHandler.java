package dev.forewarn.outreach.web;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import dev.forewarn.rules.document.RuleValidationException;
import java.util.stream.Collectors;
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
 * Turns refused input into 400, unknown resources into 404 and actions the resource's state does
 * not allow into 409, always naming what is wrong.
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

  @ExceptionHandler(HttpMessageNotReadableException.class)
  @ResponseStatus(HttpStatus.BAD_REQUEST)
  ApiError unreadable(HttpMessageNotReadableException e) {
    if (e.getCause() instanceof JsonMappingException) {
      JsonMappingException mapping = (JsonMappingException) e.getCause();
      String path =
          mapping.getPath().stream()
              .map(
                  ref ->
                      ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
              .collect(Collectors.joining("."));
      if (!path.isEmpty()) {
        String problem =
            mapping instanceof InvalidFormatException
                ? "cannot read '" + ((InvalidFormatException) mapping).getValue() + "'"
                : mapping.getOriginalMessage();
        return new ApiError(path, problem);
      }
    }
    return new ApiError(null, "the body is not valid JSON for this request");
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

  @ExceptionHandler(NotFoundException.class)
  @ResponseStatus(HttpStatus.NOT_FOUND)
  ApiError notFound(NotFoundException e) {
    return new ApiError(null, e.getMessage());
  }
}
