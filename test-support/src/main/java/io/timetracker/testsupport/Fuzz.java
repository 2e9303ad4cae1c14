package io.timetracker.testsupport;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.RandomGenerator;
import net.jqwik.api.sessions.JqwikSession;

/**
 * Mutated request bodies and header values for the fuzz tests of the public endpoints, built from
 * jqwik's arbitraries and drawn from a seeded {@link Random}, so a failing case is reproduced by
 * its seed (printed in the test's failure message). The mutations start from a valid payload, so
 * most cases get past the first checks and reach the parser: a byte flipped, inserted, removed or
 * repeated, the body truncated, a JSON value swapped for an odd one (deep nesting, huge numbers,
 * invalid UTF-8, control characters), or something that is not JSON at all.
 */
public final class Fuzz {

  /** The seed of a run: {@code -Dfuzz.seed=N} reproduces one, otherwise a fixed default. */
  public static final long SEED = Long.getLong("fuzz.seed", 20261202L);

  private static final int GEN_SIZE = 1000;
  private static final List<String> ODD_VALUES =
      List.of(
          "null",
          "true",
          "[]",
          "{}",
          "\"\"",
          "-1",
          "0",
          "1e999",
          "-9223372036854775809",
          "99999999999999999999999999999999",
          "1.5",
          "\"2026-02-30T25:61:00Z\"",
          "\"\\u0000\"",
          "\"\\ud800\"",
          "\"" + "x".repeat(70_000) + "\"",
          "[".repeat(2_000) + "]".repeat(2_000),
          "{\"a\":".repeat(500) + "1" + "}".repeat(500));

  private Fuzz() {}

  /** {@code count} values of {@code arbitrary}, drawn with {@code seed}. */
  public static <T> List<T> sample(Arbitrary<T> arbitrary, long seed, int count) {
    // arbitraries used outside a jqwik property need a session of their own
    JqwikSession.start();
    try {
      RandomGenerator<T> generator = arbitrary.generator(GEN_SIZE);
      Random random = new Random(seed);
      List<T> values = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        values.add(generator.next(random).value());
      }
      return values;
    } finally {
      JqwikSession.finish();
    }
  }

  /** Bodies made from {@code valid} by one of the mutations described on the class. */
  public static Arbitrary<byte[]> mutationsOf(byte[] valid) {
    int n = valid.length;
    return Arbitraries.oneOf(
        // one byte changed to any value
        Arbitraries.integers()
            .between(0, Math.max(0, n - 1))
            .flatMap(
                at ->
                    Arbitraries.bytes()
                        .map(
                            b -> {
                              byte[] copy = valid.clone();
                              if (n > 0) {
                                copy[at] = b;
                              }
                              return copy;
                            })),
        // random bytes inserted
        Arbitraries.integers()
            .between(0, n)
            .flatMap(
                at ->
                    Arbitraries.bytes()
                        .array(byte[].class)
                        .ofMinSize(1)
                        .ofMaxSize(64)
                        .map(extra -> splice(valid, at, at, extra))),
        // a range removed
        Arbitraries.integers()
            .between(0, n)
            .flatMap(
                from ->
                    Arbitraries.integers()
                        .between(from, n)
                        .map(to -> splice(valid, from, to, new byte[0]))),
        // truncated
        Arbitraries.integers().between(0, n).map(len -> Arrays.copyOf(valid, len)),
        // a range repeated
        Arbitraries.integers()
            .between(0, n)
            .flatMap(
                from ->
                    Arbitraries.integers()
                        .between(from, Math.min(n, from + 200))
                        .map(to -> splice(valid, to, to, Arrays.copyOfRange(valid, from, to)))),
        // a JSON value (after a colon) swapped for an odd one
        Arbitraries.of(ODD_VALUES)
            .flatMap(
                odd ->
                    Arbitraries.integers()
                        .between(0, Math.max(0, n - 1))
                        .map(at -> swapValue(valid, at, odd))),
        // not the payload at all
        Arbitraries.strings().ofMaxLength(300).map(s -> s.getBytes(StandardCharsets.UTF_8)),
        Arbitraries.bytes().array(byte[].class).ofMaxSize(300));
  }

  /**
   * Header values a sender might put where a well-formed one belongs: empty, long, odd characters
   * (printable ASCII only: an HTTP client refuses the rest before sending).
   */
  public static Arbitrary<String> headerValues() {
    return Arbitraries.oneOf(
        Arbitraries.strings().ascii().ofMaxLength(80).filter(Fuzz::printable),
        Arbitraries.strings().withCharRange('!', '~').ofMinLength(1000).ofMaxLength(6000),
        Arbitraries.of("", " ", "null", "0", "-1", "sha256=", "v0=", "%00", "../../etc"));
  }

  /**
   * {@code signature} with one character changed, or cut short, or with a different prefix: never
   * equal to the original, not even in another letter case (hex digits read the same in either
   * case, so {@code ...6f...} and {@code ...6F...} are one signature).
   */
  public static Arbitrary<String> wrongSignatures(String signature) {
    int n = signature.length();
    return Arbitraries.oneOf(
            Arbitraries.integers()
                .between(0, n - 1)
                .flatMap(
                    at ->
                        Arbitraries.chars()
                            .range('!', '~')
                            .map(
                                c -> signature.substring(0, at) + c + signature.substring(at + 1))),
            Arbitraries.integers().between(0, n - 1).map(len -> signature.substring(0, len)),
            Arbitraries.of("sha1=", "sha256=", "v0=", "v1=", "SHA256=", "")
                .map(prefix -> prefix + signature.substring(signature.indexOf('=') + 1)),
            headerValues())
        .filter(s -> !sameSignature(s, signature));
  }

  /** Equal, or the same prefix and the same hex digits in another letter case. */
  private static boolean sameSignature(String candidate, String signature) {
    int hex = signature.indexOf('=') + 1;
    return candidate.length() == signature.length()
        && candidate.regionMatches(0, signature, 0, hex)
        && candidate.regionMatches(true, hex, signature, hex, signature.length() - hex);
  }

  /**
   * Sets a header unless the value is blank or one no HTTP client sends (the client refuses it):
   * then the case is the header left out.
   */
  public static void header(HttpRequest.Builder request, String name, String value) {
    if (value != null && !value.isBlank()) {
      try {
        request.header(name, value);
      } catch (IllegalArgumentException refusedByTheClient) {
        // the case is the header left out
      }
    }
  }

  /** The label of case {@code i} drawn with {@code seed}, for a failure message. */
  public static String caseOf(String what, int i, long seed) {
    return what + " (case " + i + " of seed " + seed + ")";
  }

  /**
   * Fails unless the answer is below 500 and, when it refuses (4xx), is a problem document; the
   * failure names the case and shows the answer.
   */
  public static void expectNoServerError(HttpResponse<String> answer, String label) {
    if (answer.statusCode() >= 500) {
      throw new AssertionError(label + ": answered " + answer.statusCode() + " → " + answer.body());
    }
    String type = answer.headers().firstValue("Content-Type").orElse("");
    if (answer.statusCode() >= 400 && !type.startsWith("application/problem+json")) {
      throw new AssertionError(
          label + ": refused with " + answer.statusCode() + " as '" + type + "', not a problem");
    }
  }

  private static boolean printable(String s) {
    return s.chars().allMatch(c -> c >= 0x20 && c < 0x7f);
  }

  private static byte[] splice(byte[] valid, int from, int to, byte[] insert) {
    byte[] out = new byte[valid.length - (to - from) + insert.length];
    System.arraycopy(valid, 0, out, 0, from);
    System.arraycopy(insert, 0, out, from, insert.length);
    System.arraycopy(valid, to, out, from + insert.length, valid.length - to);
    return out;
  }

  /** Replaces the JSON value that follows the first colon at or after {@code at}. */
  private static byte[] swapValue(byte[] valid, int at, String odd) {
    String text = new String(valid, StandardCharsets.UTF_8);
    int colon = text.indexOf(':', Math.min(at, text.length()));
    if (colon < 0) {
      colon = text.indexOf(':');
    }
    if (colon < 0) {
      return (text + odd).getBytes(StandardCharsets.UTF_8);
    }
    int end = colon + 1;
    int depth = 0;
    boolean inString = false;
    for (; end < text.length(); end++) {
      char c = text.charAt(end);
      if (inString) {
        if (c == '\\') {
          end++;
        } else if (c == '"') {
          inString = false;
        }
      } else if (c == '"') {
        inString = true;
      } else if (c == '{' || c == '[') {
        depth++;
      } else if (c == '}' || c == ']') {
        if (depth == 0) {
          break;
        }
        depth--;
      } else if (c == ',' && depth == 0) {
        break;
      }
    }
    byte[] replaced =
        (text.substring(0, colon + 1) + odd + text.substring(end)).getBytes(StandardCharsets.UTF_8);
    // invalid UTF-8 now and then: a lone continuation byte where the value began
    if ((at & 7) == 0 && replaced.length > colon + 1) {
      replaced[colon + 1] = (byte) 0x80;
    }
    return replaced;
  }
}
