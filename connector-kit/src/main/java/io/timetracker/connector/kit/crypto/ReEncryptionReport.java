package io.timetracker.connector.kit.crypto;

import java.util.List;

/**
 * What a {@link SecretReEncryption} sweep did.
 *
 * @param primaryKeyId the key every re-encrypted value is now under
 * @param columns one line per secret column
 */
public record ReEncryptionReport(String primaryKeyId, List<Column> columns) {

  /**
   * One column's counts.
   *
   * @param table table
   * @param column column
   * @param examined values found not under the primary key
   * @param reEncrypted values moved to the primary key
   * @param changedMeanwhile values changed by someone else during the sweep (left to them)
   * @param unencrypted values without the {@code enc:v1:} prefix: refused, left as they are
   * @param undecryptable values that do not decrypt (tampered, or under a key no longer in the
   *     keyset)
   * @param remaining values still not under the primary key after the sweep
   */
  public record Column(
      String table,
      String column,
      int examined,
      int reEncrypted,
      int changedMeanwhile,
      int unencrypted,
      int undecryptable,
      long remaining) {}

  /** Whether every value is now under the primary key. */
  public boolean complete() {
    return columns.stream().allMatch(c -> c.remaining() == 0);
  }
}
