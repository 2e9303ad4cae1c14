package io.timetracker.connector.kit.webhook;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Decodes an {@code application/x-www-form-urlencoded} body (GitHub's default webhook content type
 * puts the JSON in {@code payload}; Slack sends commands this way). Call it only on a body whose
 * signature already holds.
 */
public final class FormFields {

  private FormFields() {}

  /** The fields, first value of each name; malformed escapes raise IllegalArgumentException. */
  public static Map<String, String> parse(byte[] body) {
    Map<String, String> fields = new LinkedHashMap<>();
    String form = new String(body, StandardCharsets.US_ASCII);
    for (String pair : form.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = decode(eq < 0 ? pair : pair.substring(0, eq));
      String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
      fields.putIfAbsent(name, value);
    }
    return fields;
  }

  /** Whether a {@code Content-Type} header value names a form body. */
  public static boolean isForm(String contentType) {
    return contentType != null
        && contentType
            .trim()
            .toLowerCase(java.util.Locale.ROOT)
            .startsWith("application/x-www-form-urlencoded");
  }

  private static String decode(String value) {
    return URLDecoder.decode(value, StandardCharsets.UTF_8);
  }
}
