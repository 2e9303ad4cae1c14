package io.timetracker.connector.kit.crypto;

import java.util.Objects;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * A column holding {@code enc:v1:} values, for {@link SecretReEncryption}: the table, its key
 * column (any type with an order, e.g. {@code uuid}), the secret column, and the cipher context of
 * a row's value from its key (the same context the connector encrypts with).
 *
 * @param table table name
 * @param idColumn primary key column
 * @param column secret column (nullable values are skipped)
 * @param context the cipher context of the value in the row with this key
 */
public record SecretColumn(
    String table, String idColumn, String column, Function<Object, String> context) {

  private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

  /** Names are SQL identifiers written into statements, so only plain lower-case names. */
  public SecretColumn {
    Objects.requireNonNull(context, "context");
    for (String name : new String[] {table, idColumn, column}) {
      if (name == null || !IDENTIFIER.matcher(name).matches()) {
        throw new IllegalArgumentException("not a plain SQL identifier: " + name);
      }
    }
  }

  @Override
  public String toString() {
    return table + "." + column;
  }
}
