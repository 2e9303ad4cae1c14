package io.timetracker.connector.kit.crypto;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Finishes a key rotation: moves every value of the given secret columns that is not under the
 * keyset's primary key to it ({@link SecretCipher#reEncrypt}), in batches. Idempotent and
 * resumable: it only selects values whose {@code enc:v1:<keyId>:} prefix names another key, walking
 * the table by key, so a second run (or a run after a crash) touches only what is left. Each row is
 * written with a compare-and-set on the old value, so a secret changed meanwhile through the API is
 * never overwritten. Unencrypted and undecryptable values are counted and left alone.
 */
@ApplicationScoped
public class SecretReEncryption {

  private static final Logger LOG = Logger.getLogger(SecretReEncryption.class);

  private final Pool pool;
  private final SecretCipher cipher;

  /** The application's pool and cipher. */
  public SecretReEncryption(Pool pool, SecretCipher cipher) {
    this.pool = pool;
    this.cipher = cipher;
  }

  /** Sweeps the columns one after the other, {@code batchSize} rows per statement. */
  public Uni<ReEncryptionReport> sweep(List<SecretColumn> columns, int batchSize) {
    if (!cipher.isReady()) {
      return Uni.createFrom().failure(new EncryptionUnavailableException(cipher.status().reason()));
    }
    String primary = cipher.status().primaryKeyId();
    return Multi.createFrom()
        .iterable(columns)
        .onItem()
        .transformToUniAndConcatenate(column -> sweep(column, primary, Math.max(1, batchSize)))
        .collect()
        .asList()
        .map(list -> new ReEncryptionReport(primary, list))
        .invoke(report -> LOG.infof("re-encryption sweep: %s", report));
  }

  private Uni<ReEncryptionReport.Column> sweep(SecretColumn column, String primary, int size) {
    Counts counts = new Counts();
    return batch(column, primary, size, null, counts)
        .chain(() -> remaining(column, primary))
        .map(left -> counts.report(column, left));
  }

  // keyset pagination by id: rows that stay behind (refused, undecryptable) are passed, not re-read
  private Uni<Void> batch(
      SecretColumn column, String primary, int size, Object after, Counts counts) {
    return select(column, primary, size, after)
        .chain(rows -> apply(column, rows, counts).replaceWith(rows))
        .chain(
            rows ->
                rows.size() < size
                    ? Uni.createFrom().voidItem()
                    : batch(column, primary, size, lastId(column, rows), counts));
  }

  private Uni<List<Row>> select(SecretColumn column, String primary, int size, Object after) {
    String sql =
        "SELECT %1$s, %2$s FROM %3$s WHERE %2$s IS NOT NULL AND %2$s NOT LIKE $1 %4$s ORDER BY %1$s LIMIT $2"
            .formatted(
                column.idColumn(),
                column.column(),
                column.table(),
                after == null ? "" : "AND " + column.idColumn() + " > $3");
    Tuple args = Tuple.of(prefix(primary), size);
    if (after != null) {
      args.addValue(after);
    }
    return pool.preparedQuery(sql).execute(args).map(SecretReEncryption::rows);
  }

  private Uni<Void> apply(SecretColumn column, List<Row> rows, Counts counts) {
    Uni<Void> chain = Uni.createFrom().voidItem();
    for (Row row : rows) {
      chain = chain.chain(() -> one(column, row, counts));
    }
    return chain;
  }

  private Uni<Void> one(SecretColumn column, Row row, Counts counts) {
    Object id = row.getValue(column.idColumn());
    String stored = row.getString(column.column());
    counts.examined++;
    String fresh;
    try {
      fresh = cipher.reEncrypt(stored, column.context().apply(id));
    } catch (UnencryptedSecretException e) {
      counts.unencrypted++;
      LOG.warnf("%s of row %s is not encrypted: refused, left as it is", column, id);
      return Uni.createFrom().voidItem();
    } catch (SecretDecryptionException e) {
      counts.undecryptable++;
      LOG.warnf("%s of row %s does not decrypt: %s", column, id, e.getMessage());
      return Uni.createFrom().voidItem();
    }
    String sql =
        "UPDATE %s SET %s = $1 WHERE %s = $2 AND %2$s = $3"
            .formatted(column.table(), column.column(), column.idColumn());
    return pool.preparedQuery(sql)
        .execute(Tuple.of(fresh, id, stored))
        .invoke(result -> counts.written(result.rowCount() == 1))
        .replaceWithVoid();
  }

  private Uni<Long> remaining(SecretColumn column, String primary) {
    String sql =
        "SELECT count(*) FROM %s WHERE %s IS NOT NULL AND %2$s NOT LIKE $1"
            .formatted(column.table(), column.column());
    return pool.preparedQuery(sql)
        .execute(Tuple.of(prefix(primary)))
        .map(rows -> rows.iterator().next().getLong(0));
  }

  private static String prefix(String primary) {
    return EncryptedValue.PREFIX + primary + ":%";
  }

  private static Object lastId(SecretColumn column, List<Row> rows) {
    return rows.get(rows.size() - 1).getValue(column.idColumn());
  }

  private static List<Row> rows(RowSet<Row> set) {
    List<Row> list = new ArrayList<>(set.size());
    set.forEach(list::add);
    return list;
  }

  private static final class Counts {
    int examined;
    int reEncrypted;
    int changedMeanwhile;
    int unencrypted;
    int undecryptable;

    void written(boolean ok) {
      if (ok) {
        reEncrypted++;
      } else {
        changedMeanwhile++;
      }
    }

    ReEncryptionReport.Column report(SecretColumn column, long remaining) {
      return new ReEncryptionReport.Column(
          column.table(),
          column.column(),
          examined,
          reEncrypted,
          changedMeanwhile,
          unencrypted,
          undecryptable,
          remaining);
    }
  }
}
