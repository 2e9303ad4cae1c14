package io.timetracker.gateway.forward;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The gateway's own sign-in cookies ({@code q_session*}, {@code q_auth*}, {@code q_pkce*}) stay at
 * the gateway: a connector gets the person's token as a bearer instead, and any cookie of its own.
 */
final class SessionCookies {

  private SessionCookies() {}

  /** The {@code Cookie} header values without the gateway's session cookies, joined. */
  static String withoutSession(List<String> headers) {
    return headers.stream()
        .flatMap(h -> Arrays.stream(h.split(";")))
        .map(String::trim)
        .filter(c -> !c.isEmpty())
        .filter(
            c -> !(c.startsWith("q_session") || c.startsWith("q_auth") || c.startsWith("q_pkce")))
        .collect(Collectors.joining("; "));
  }
}
