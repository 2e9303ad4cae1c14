package io.timetracker.connector.gcal.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Base64;

/**
 * The claims we read from the id token of Google's token response: the account id ({@code sub}) and
 * its address. It came straight from Google's token endpoint over TLS, which OpenID Connect Core
 * (3.1.3.7) accepts in place of checking its signature.
 *
 * @param subject the Google account id, or null
 * @param email the address, or null
 */
public record IdToken(String subject, String email) {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** The claims of a compact JWT; empty claims when it is missing or unreadable. */
  public static IdToken parse(String jwt) {
    if (jwt == null) {
      return new IdToken(null, null);
    }
    String[] parts = jwt.split("\\.");
    if (parts.length < 2) {
      return new IdToken(null, null);
    }
    try {
      JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
      return new IdToken(claims.path("sub").asText(null), claims.path("email").asText(null));
    } catch (Exception e) {
      return new IdToken(null, null);
    }
  }
}
