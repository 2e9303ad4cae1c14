package io.timetracker.connector.kit.crypto;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Prints a keyset for {@code connector.crypto.keyset}; no tinkey install needed. Usage (the
 * classpath line is in connector-kit/README.md):
 *
 * <pre>
 *   java -cp "$CP" io.timetracker.connector.kit.crypto.GenerateKeyset            # new keyset
 *   java -cp "$CP" io.timetracker.connector.kit.crypto.GenerateKeyset --rotate &lt; old.json
 * </pre>
 *
 * The primary key id goes to standard error, the keyset JSON (secret!) to standard output.
 */
public final class GenerateKeyset {

  private GenerateKeyset() {}

  /** Entry point; exit code 2 on a usage error. */
  public static void main(String[] args) throws IOException {
    String keyset;
    if (args.length == 0) {
      keyset = Keysets.generate();
    } else if (args.length == 1 && "--rotate".equals(args[0])) {
      keyset = Keysets.rotate(read(System.in));
    } else {
      System.err.println("usage: GenerateKeyset [--rotate < current-keyset.json]");
      System.exit(2);
      return;
    }
    System.err.println("primary key id: " + Keysets.primaryKeyId(keyset));
    System.out.println(keyset);
  }

  private static String read(InputStream in) throws IOException {
    return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
  }
}
