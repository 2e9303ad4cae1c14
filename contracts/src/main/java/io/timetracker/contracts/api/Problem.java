package io.timetracker.contracts.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import jakarta.validation.ConstraintViolation;
import jakarta.ws.rs.core.Response;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * An RFC 9457 problem document with a stable machine-readable {@code code}; validation problems
 * list the offending fields, and {@code traceId} names the request's trace so an operator can find
 * its logs and spans. The static factories are the one way every service of the suite builds one,
 * so the core and every connector answer the same shape ({@code docs/api.md}, "Errors").
 */
@Schema(name = "Problem")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(
    @Schema(description = "type base (configurable) + code; documented in docs/api.md") String type,
    String title,
    int status,
    String detail,
    String code,
    String instance,
    List<FieldError> errors,
    @Schema(description = "W3C trace id of the request, when traced") String traceId) {

  /** A problem without a trace id. */
  public Problem(
      String type,
      String title,
      int status,
      String detail,
      String code,
      String instance,
      List<FieldError> errors) {
    this(type, title, status, detail, code, instance, errors, null);
  }

  /** media type of every error answer */
  public static final String MEDIA_TYPE = "application/problem+json";

  /** Configuration key of the base every {@code type} URI starts with (then the code). */
  public static final String TYPE_BASE_KEY = "timetracker.problems.type-base";

  /**
   * The default base: a relative reference, resolved against the service's own URL, so no answer
   * names a domain the operator does not own.
   */
  public static final String DEFAULT_TYPE_BASE = "/problems/";

  /** A problem with the title of its code (or of its status) and the current trace id. */
  public static Problem of(int status, String code, String detail) {
    return of(status, code, titleOf(code, status), detail, null);
  }

  /** A problem with an explicit title and field errors (may be null). */
  public static Problem of(
      int status, String code, String title, String detail, List<FieldError> errors) {
    return new Problem(typeUri(code), title, status, detail, code, null, errors, currentTraceId());
  }

  /** A plain HTTP error the framework raised (no domain code): 404, 405, 415, ... */
  public static Problem forStatus(int status) {
    return of(status, codeFor(status), titleFor(status) + ".");
  }

  /** 400 {@code validation_failed} naming each field, sorted by field. */
  public static Problem invalid(List<FieldError> errors) {
    List<FieldError> sorted =
        errors.stream().sorted(Comparator.comparing(FieldError::field)).toList();
    String detail =
        sorted.stream().map(f -> f.field() + ": " + f.message()).collect(Collectors.joining("; "));
    return of(400, "validation_failed", titleOf("validation_failed", 400), detail, sorted);
  }

  /** 400 {@code validation_failed} for bean-validation violations of a resource method. */
  public static Problem ofViolations(Collection<? extends ConstraintViolation<?>> violations) {
    return invalid(violations.stream().map(v -> new FieldError(field(v), v.getMessage())).toList());
  }

  /**
   * 400 for a body Jackson could not read: {@code validation_failed} naming the field for wrong
   * types and unknown fields, {@code malformed_json} when the body is not JSON at all.
   */
  public static Problem ofJsonError(JsonProcessingException e) {
    if (e instanceof JsonMappingException m && !m.getPath().isEmpty()) {
      String field =
          m.getPath().stream()
              .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
              .collect(Collectors.joining("."))
              .replace(".[", "[");
      String message =
          e instanceof UnrecognizedPropertyException
              ? "unknown field"
              : "has the wrong type or format";
      return invalid(List.of(new FieldError(field, message)));
    }
    if (e instanceof MismatchedInputException) {
      return of(
          400,
          "validation_failed",
          titleOf("validation_failed", 400),
          "The body does not have the expected shape.",
          null);
    }
    return malformedJson();
  }

  /** 400 {@code malformed_json}: the body is not valid JSON. */
  public static Problem malformedJson() {
    return of(400, "malformed_json", "The body is not valid JSON.");
  }

  /** 500 {@code internal_error} with a reference id that is also in the service's log. */
  public static Problem internal(String referenceId) {
    return of(500, "internal_error", "Unexpected failure; reference " + referenceId + ".");
  }

  /** This problem as a JAX-RS answer: its status and {@code application/problem+json}. */
  public Response.ResponseBuilder response() {
    return Response.status(status).type(MEDIA_TYPE).entity(this);
  }

  /** The {@code type} URI of a code: the configured base followed by the code. */
  public static String typeUri(String code) {
    String base =
        ConfigProvider.getConfig()
            .getOptionalValue(TYPE_BASE_KEY, String.class)
            .orElse(DEFAULT_TYPE_BASE);
    return base + code;
  }

  /** The current request's trace id, or null when it isn't traced. */
  public static String currentTraceId() {
    SpanContext span = Span.current().getSpanContext();
    return span.isValid() ? span.getTraceId() : null;
  }

  /** The stable code of a plain HTTP client error the framework raised (no domain code). */
  public static String codeFor(int status) {
    return switch (status) {
      case 404 -> "not_found";
      case 405 -> "method_not_allowed";
      case 406 -> "not_acceptable";
      case 413 -> "payload_too_large";
      case 415 -> "unsupported_media_type";
      default -> status >= 500 ? "internal_error" : "bad_request";
    };
  }

  /** The fixed title of a code shared by every service, else the status's reason phrase. */
  public static String titleOf(String code, int status) {
    return switch (code == null ? "" : code) {
      case "validation_failed" -> "Invalid request";
      case "malformed_json" -> "Malformed JSON";
      case "internal_error" -> "Internal error";
      case "dependency_unavailable" -> "Service unavailable";
      default -> titleFor(status);
    };
  }

  /** The reason phrase of an HTTP status, used as the problem's title. */
  public static String titleFor(int status) {
    Response.Status s = Response.Status.fromStatusCode(status);
    return s == null ? (status >= 500 ? "Server error" : "Client error") : s.getReasonPhrase();
  }

  private static String field(ConstraintViolation<?> v) {
    // property paths look like "start.request.projectId": drop method and parameter names
    List<String> nodes =
        StreamSupport.stream(v.getPropertyPath().spliterator(), false)
            .map(n -> n.getName() == null ? "" : n.getName())
            .toList();
    if (nodes.size() > 2) {
      return String.join(".", nodes.subList(2, nodes.size()));
    }
    return nodes.isEmpty() ? "" : nodes.get(nodes.size() - 1);
  }

  /** One invalid field of a request. */
  @Schema(name = "FieldError")
  public record FieldError(String field, String message) {}
}
