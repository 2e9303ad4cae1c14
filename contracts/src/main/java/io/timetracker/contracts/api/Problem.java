package io.timetracker.contracts.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * An RFC 9457 problem document with a stable machine-readable {@code code}; validation problems
 * list the offending fields, and {@code traceId} names the request's trace so an operator can find
 * its logs and spans.
 */
@Schema(name = "Problem")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(
    String type,
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

  /** The reason phrase of an HTTP status, used as the problem's title. */
  public static String titleFor(int status) {
    jakarta.ws.rs.core.Response.Status s =
        jakarta.ws.rs.core.Response.Status.fromStatusCode(status);
    return s == null ? (status >= 500 ? "Server error" : "Client error") : s.getReasonPhrase();
  }

  /** One invalid field of a request. */
  @Schema(name = "FieldError")
  public record FieldError(String field, String message) {}
}
