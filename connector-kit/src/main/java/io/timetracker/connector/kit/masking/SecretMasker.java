package io.timetracker.connector.kit.masking;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks credentials in free text before it reaches a log: provider tokens ({@code ghp_}, {@code
 * github_pat_}, {@code xoxb-}, {@code xapp-}, {@code ya29.}, ...), JWTs, bearer and {@code
 * Authorization} values, {@code enc:v1:} ciphertexts, Slack webhook URLs and {@code key=value}
 * pairs with secret-like keys. The recognisable prefix stays, the rest becomes {@code …} plus the
 * last four characters when the secret part is long enough that they give nothing away: {@code
 * xoxb-…a1b2}.
 */
public final class SecretMasker {

  /** What replaces the secret part. */
  public static final String ELLIPSIS = "…";

  private static final int SHOW_TAIL_FROM = 16;
  private static final int TAIL = 4;

  // group 1 = kept prefix, group 2 = secret part; more specific rules first
  private static final List<Pattern> RULES =
      List.of(
          Pattern.compile("\\b(github_pat_)([A-Za-z0-9_]{16,})"),
          Pattern.compile("\\b(gh[pousr]_)([A-Za-z0-9]{16,})"),
          Pattern.compile("\\b((?:xoxe\\.)?xox[a-z]-|xapp-)([A-Za-z0-9-]{8,})"),
          Pattern.compile("(hooks\\.slack\\.com/services/)([A-Za-z0-9/]{8,})"),
          Pattern.compile("\\b(ya29\\.|1//|GOCSPX-)([A-Za-z0-9_.\\-]{8,})"),
          Pattern.compile("(enc:v1:[0-9]{1,10}:)([A-Za-z0-9_\\-]{4,}=*)"),
          Pattern.compile("\\b(eyJ)([A-Za-z0-9_\\-]{8,}\\.[A-Za-z0-9_\\-]{8,}\\.[A-Za-z0-9_\\-]*)"),
          Pattern.compile(
              "(?i)(authorization[\"']?\\s*[:=]\\s*[\"']?(?:bearer\\s+|token\\s+|basic\\s+)?)"
                  + "([^\\s\"',;…]{8,}+)(?!…)"),
          Pattern.compile("(?i)\\b(bearer\\s+)([A-Za-z0-9\\-._~+/]{8,}+=*)(?!…)"),
          Pattern.compile(
              "(?i)\\b((?:client_secret|access_token|refresh_token|id_token|api_key|apikey"
                  + "|password|passwd|signing_secret|webhook_secret|bot_token|github_token"
                  + "|secret|token)[\"']?\\s*[=:]\\s*[\"']?)([^\\s\"'&,;}…]{4,}+)(?!…)"));

  private static final List<String> KNOWN_PREFIXES =
      List.of(
          "github_pat_",
          "ghp_",
          "gho_",
          "ghu_",
          "ghs_",
          "ghr_",
          "xoxb-",
          "xoxp-",
          "xoxa-",
          "xoxe-",
          "xoxe.xoxp-",
          "xoxe.xoxb-",
          "xapp-",
          "ya29.",
          "1//",
          "GOCSPX-",
          "enc:v1:");

  private SecretMasker() {}

  /** The text with every recognised credential masked; {@code null} stays {@code null}. */
  public static String mask(String text) {
    if (text == null || text.isEmpty()) {
      return text;
    }
    String result = text;
    for (Pattern rule : RULES) {
      result = apply(rule, result);
    }
    return result;
  }

  /**
   * One known credential, masked for a log line or an API answer: {@code ghp_…wxyz}, or {@code
   * (empty)} when there is none.
   */
  public static String maskToken(String token) {
    if (token == null || token.isEmpty()) {
      return "(empty)";
    }
    String prefix = KNOWN_PREFIXES.stream().filter(token::startsWith).findFirst().orElse("");
    return prefix + hide(token.substring(prefix.length()));
  }

  private static String apply(Pattern rule, String text) {
    Matcher m = rule.matcher(text);
    if (!m.find()) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length());
    do {
      m.appendReplacement(out, Matcher.quoteReplacement(m.group(1) + hide(m.group(2))));
    } while (m.find());
    m.appendTail(out);
    return out.toString();
  }

  private static String hide(String secret) {
    return secret.length() >= SHOW_TAIL_FROM
        ? ELLIPSIS + secret.substring(secret.length() - TAIL)
        : ELLIPSIS;
  }
}
