package io.timetracker.connector.kit.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import io.timetracker.connector.kit.KitDatabase;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The re-encryption sweep on real PostgreSQL: batched, idempotent, resumable, fail closed. */
class SecretReEncryptionTest {

  private static final Duration WAIT = Duration.ofSeconds(20);

  private KitDatabase db;
  private String oldKeyset;
  private SecretCipher before;
  private SecretCipher after;
  private SecretReEncryption sweep;
  private final SecretColumn column =
      new SecretColumn("conn", "id", "token", id -> "conn:" + id + ":token");

  @BeforeEach
  void tableUnderTheOldKey() {
    db = KitDatabase.empty();
    db.execute("create table conn (id uuid primary key, token varchar(2048))");
    oldKeyset = Keysets.generate();
    before = new SecretCipher(Optional.of(oldKeyset));
    after = new SecretCipher(Optional.of(Keysets.rotate(oldKeyset)));
    sweep = new SecretReEncryption(db.pool(), after);
  }

  @AfterEach
  void close() {
    db.close();
  }

  @Test
  void movesEveryValueToTheNewPrimaryKeyInBatchesAndKeepsThePlaintexts() {
    List<UUID> ids = insertUnderOldKey(5);
    insert(UUID.randomUUID(), null);

    ReEncryptionReport report = sweep.sweep(List.of(column), 2).await().atMost(WAIT);

    assertThat(report.primaryKeyId()).isEqualTo(after.status().primaryKeyId());
    assertThat(report.columns())
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.examined()).isEqualTo(5);
              assertThat(c.reEncrypted()).isEqualTo(5);
              assertThat(c.remaining()).isZero();
            });
    assertThat(report.complete()).isTrue();
    for (UUID id : ids) {
      String stored = token(id);
      assertThat(EncryptedValue.keyIdOf(stored)).isEqualTo(after.status().primaryKeyId());
      DecryptedSecret secret = after.decrypt(stored, "conn:" + id + ":token");
      assertThat(secret.value()).isEqualTo("token-" + id);
      assertThat(secret.origin()).isEqualTo(SecretOrigin.CURRENT_KEY);
    }
  }

  @Test
  void aSecondRunChangesNothingAndARunAfterMoreOldRowsTakesOnlyThose() {
    insertUnderOldKey(3);
    sweep.sweep(List.of(column), 10).await().atMost(WAIT);

    ReEncryptionReport again = sweep.sweep(List.of(column), 10).await().atMost(WAIT);
    assertThat(again.columns().get(0).examined()).isZero();

    // e.g. a replica still on the old keyset wrote these while the first sweep ran
    insertUnderOldKey(2);
    ReEncryptionReport resumed = sweep.sweep(List.of(column), 10).await().atMost(WAIT);
    assertThat(resumed.columns().get(0).examined()).isEqualTo(2);
    assertThat(resumed.columns().get(0).reEncrypted()).isEqualTo(2);
    assertThat(resumed.complete()).isTrue();
  }

  @Test
  void unencryptedAndUndecryptableValuesAreReportedAndLeftAlone() {
    insertUnderOldKey(1);
    UUID plain = UUID.randomUUID();
    insert(plain, "ghp_" + "plaintextInASecretColumn000000000000");
    UUID foreign = UUID.randomUUID();
    String otherKeys = new SecretCipher(Optional.of(Keysets.generate())).encrypt("x", "c");
    insert(foreign, otherKeys);

    ReEncryptionReport report = sweep.sweep(List.of(column), 1).await().atMost(WAIT);

    ReEncryptionReport.Column c = report.columns().get(0);
    assertThat(c.examined()).isEqualTo(3);
    assertThat(c.reEncrypted()).isEqualTo(1);
    assertThat(c.unencrypted()).isEqualTo(1);
    assertThat(c.undecryptable()).isEqualTo(1);
    assertThat(c.remaining()).isEqualTo(2);
    assertThat(report.complete()).isFalse();
    assertThat(token(plain)).startsWith("ghp_");
    assertThat(token(foreign)).isEqualTo(otherKeys);
  }

  @Test
  void withoutAKeysetTheSweepFailsClosed() {
    insertUnderOldKey(1);
    SecretReEncryption noKey =
        new SecretReEncryption(db.pool(), new SecretCipher(Optional.empty()));

    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> noKey.sweep(List.of(column), 10).await().atMost(WAIT))
        .isInstanceOf(EncryptionUnavailableException.class);
  }

  private List<UUID> insertUnderOldKey(int n) {
    List<UUID> ids = new java.util.ArrayList<>();
    for (int i = 0; i < n; i++) {
      UUID id = UUID.randomUUID();
      insert(id, before.encrypt("token-" + id, "conn:" + id + ":token"));
      ids.add(id);
    }
    return ids;
  }

  private void insert(UUID id, String token) {
    db.execute(
        "insert into conn (id, token) values ('"
            + id
            + "', "
            + (token == null ? "null" : "'" + token + "'")
            + ")");
  }

  private String token(UUID id) {
    return db.strings("select token from conn where id = '" + id + "'").get(0);
  }
}
