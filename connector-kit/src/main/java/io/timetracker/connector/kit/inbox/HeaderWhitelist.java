package io.timetracker.connector.kit.inbox;

import io.timetracker.connector.kit.masking.SecretMasker;
import io.timetracker.connector.kit.signature.Headers;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Which request headers an inbox row keeps: a fixed list of harmless provider headers (plus any
 * configured extras), and never anything whose name suggests a credential, whatever the list says:
 * signatures, authorization, cookies, tokens, secrets, keys.
 */
public final class HeaderWhitelist {

  /** Kept by default, lower case. */
  public static final Set<String> DEFAULT =
      Set.of(
          "content-type",
          "user-agent",
          "x-github-event",
          "x-github-delivery",
          "x-github-hook-id",
          "x-github-hook-installation-target-id",
          "x-github-hook-installation-target-type",
          "x-slack-request-timestamp",
          "x-slack-retry-num",
          "x-slack-retry-reason",
          "x-goog-channel-id",
          "x-goog-channel-expiration",
          "x-goog-message-number",
          "x-goog-resource-id",
          "x-goog-resource-state",
          "x-goog-resource-uri",
          "x-request-id",
          "traceparent");

  private static final List<String> NEVER =
      List.of("signature", "authorization", "cookie", "token", "secret", "password", "key");
  private static final int MAX_VALUE = 512;

  private final Set<String> allowed;

  /** The default list plus {@code extra} names (any case). */
  public HeaderWhitelist(Collection<String> extra) {
    this.allowed =
        Stream.concat(DEFAULT.stream(), extra.stream().map(n -> n.toLowerCase(Locale.ROOT)))
            .filter(HeaderWhitelist::harmless)
            .collect(Collectors.toUnmodifiableSet());
  }

  /** The default list only. */
  public static HeaderWhitelist defaults() {
    return new HeaderWhitelist(List.of());
  }

  /** The kept headers, lower-case names, first value each, masked and bounded. */
  public Map<String, String> filter(Headers headers) {
    Map<String, String> kept = new TreeMap<>();
    for (String name : headers.names()) {
      String lower = name.toLowerCase(Locale.ROOT);
      if (allowed.contains(lower)) {
        headers.first(name).map(HeaderWhitelist::bounded).ifPresent(v -> kept.put(lower, v));
      }
    }
    return kept;
  }

  private static boolean harmless(String lowerName) {
    return NEVER.stream().noneMatch(lowerName::contains);
  }

  private static String bounded(String value) {
    String masked = SecretMasker.mask(value);
    return masked.length() <= MAX_VALUE ? masked : masked.substring(0, MAX_VALUE);
  }
}
