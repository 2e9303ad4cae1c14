package io.timetracker.contracts.security;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.timetracker.contracts.api.Problem;
import io.vertx.core.http.HttpServerRequest;

/**
 * What every service refuses about a bearer token before its OIDC layer sees it. A token made only
 * of dots ({@code .}, {@code ...}) made Quarkus' token parsing fail with an unexpected error, so
 * the request was answered 500 instead of 401 (found by the gateway's {@code UserApiFuzzTest}).
 */
public final class BearerTokens {

  private static final String BEARER = "Bearer ";

  private BearerTokens() {}

  /** Whether an {@code Authorization} header is a bearer token no issuer can have made. */
  public static boolean unusable(String authorization) {
    if (authorization == null) {
      return false;
    }
    String header = authorization.strip();
    if (!header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      return false;
    }
    String token = header.substring(BEARER.length()).strip();
    return !token.isEmpty() && token.chars().allMatch(c -> c == '.');
  }

  /**
   * The answer to such a token: 401 {@code unauthorized}, the problem document of every other
   * refused token (with the current trace id).
   */
  public static String refusal(ObjectMapper json) {
    try {
      return json.writeValueAsString(
          Problem.of(401, "unauthorized", "A valid bearer token is required."));
    } catch (JsonProcessingException e) {
      return "{\"status\":401,\"code\":\"unauthorized\"}";
    }
  }

  /** The {@code WWW-Authenticate} header of that answer (RFC 6750). */
  public static final String CHALLENGE = "Bearer error=\"invalid_token\"";

  /**
   * Answers {@code request} with that 401 when its token is {@link #unusable}; false (nothing
   * answered) otherwise. For a route that runs before authentication.
   */
  public static boolean refused(HttpServerRequest request, ObjectMapper json) {
    if (!unusable(request.getHeader("Authorization"))) {
      return false;
    }
    request
        .response()
        .setStatusCode(401)
        .putHeader("Content-Type", Problem.MEDIA_TYPE)
        .putHeader("WWW-Authenticate", CHALLENGE)
        .end(refusal(json));
    return true;
  }
}
