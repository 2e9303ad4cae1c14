package io.timetracker.connector.gcal;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.matching.MatchResult;
import io.timetracker.connector.kit.oauth.Pkce;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/**
 * Google's documented answers on the WireMock server: the token endpoint (authorization-code grant
 * checked against the PKCE challenge of the consent, refresh grant, {@code invalid_grant}), the
 * revocation endpoint and Calendar API error documents.
 */
public final class GoogleFake {

  private GoogleFake() {}

  /** The server. */
  public static WireMockServer google() {
    return GoogleApiResource.server();
  }

  /**
   * The code exchange: answers tokens only when {@code code} is the given one and the posted {@code
   * code_verifier} hashes (S256) to the challenge sent with the consent; anything else is Google's
   * 400 {@code invalid_grant}.
   */
  public static void acceptsCode(String code, String challenge, String access, String refresh) {
    google()
        .stubFor(
            post(urlPathEqualTo("/token"))
                .atPriority(5)
                .willReturn(
                    aResponse()
                        .withStatus(400)
                        .withHeader("Content-Type", "application/json")
                        .withBody(
                            "{\"error\":\"invalid_grant\",\"error_description\":\"Bad Request\"}")));
    google()
        .stubFor(
            post(urlPathEqualTo("/token"))
                .atPriority(1)
                .andMatching(
                    request -> {
                      Map<String, String> form = form(request.getBodyAsString());
                      boolean ok =
                          "authorization_code".equals(form.get("grant_type"))
                              && code.equals(form.get("code"))
                              && form.get("code_verifier") != null
                              && Pkce.s256(form.get("code_verifier")).equals(challenge);
                      return MatchResult.of(ok);
                    })
                .willReturn(tokens(access, refresh, 3599)));
  }

  /** The refresh grant answers a new access token (no new refresh token, as Google does). */
  public static void refreshes(String newAccess) {
    google()
        .stubFor(
            post(urlPathEqualTo("/token"))
                .withRequestBody(
                    com.github.tomakehurst.wiremock.client.WireMock.containing(
                        "grant_type=refresh_token"))
                .willReturn(tokens(newAccess, null, 3599)));
  }

  /** The refresh grant is refused: the grant was revoked or expired. */
  public static void refusesRefresh() {
    google()
        .stubFor(
            post(urlPathEqualTo("/token"))
                .willReturn(
                    aResponse()
                        .withStatus(400)
                        .withHeader("Content-Type", "application/json")
                        .withBody(
                            "{\"error\":\"invalid_grant\",\"error_description\":\"Token has been"
                                + " expired or revoked.\"}")));
  }

  /** The revocation endpoint accepts any token. */
  public static void revokes() {
    google().stubFor(post(urlPathEqualTo("/revoke")).willReturn(aResponse().withStatus(200)));
  }

  /** Google's JSON error document. */
  public static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder error(
      int status, String reason) {
    return aResponse()
        .withStatus(status)
        .withHeader("Content-Type", "application/json")
        .withBody(
            "{\"error\":{\"code\":"
                + status
                + ",\"message\":\""
                + reason
                + "\",\"errors\":[{\"domain\":\"global\",\"reason\":\""
                + reason
                + "\",\"message\":\""
                + reason
                + "\"}]}}");
  }

  /** A bearer header equal to the token. */
  public static com.github.tomakehurst.wiremock.matching.StringValuePattern bearer(String token) {
    return equalTo("Bearer " + token);
  }

  private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder tokens(
      String access, String refresh, int expiresIn) {
    String idToken =
        "eyJhbGciOiJSUzI1NiJ9."
            + Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(
                    "{\"iss\":\"https://accounts.google.com\",\"sub\":\"1093847562\",\"email\":\"alice@gmail.test\"}"
                        .getBytes(StandardCharsets.UTF_8))
            + ".c2ln";
    return aResponse()
        .withStatus(200)
        .withHeader("Content-Type", "application/json")
        .withBody(
            "{\"access_token\":\""
                + access
                + "\",\"expires_in\":"
                + expiresIn
                + (refresh == null ? "" : ",\"refresh_token\":\"" + refresh + "\"")
                + ",\"scope\":\"https://www.googleapis.com/auth/calendar.events"
                + " https://www.googleapis.com/auth/calendar.readonly openid"
                + " https://www.googleapis.com/auth/userinfo.email\",\"token_type\":\"Bearer\","
                + "\"id_token\":\""
                + idToken
                + "\"}");
  }

  /** The fields of a form body. */
  public static Map<String, String> form(String body) {
    Map<String, String> form = new HashMap<>();
    for (String pair : body.split("&")) {
      String[] kv = pair.split("=", 2);
      if (kv.length == 2) {
        form.put(
            URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
            URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
      }
    }
    return form;
  }
}
