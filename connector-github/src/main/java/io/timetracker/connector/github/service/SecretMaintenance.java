package io.timetracker.connector.github.service;

import io.smallrye.mutiny.Uni;
import io.timetracker.connector.github.model.Connection;
import io.timetracker.connector.kit.crypto.ReEncryptionReport;
import io.timetracker.connector.kit.crypto.SecretColumn;
import io.timetracker.connector.kit.crypto.SecretReEncryption;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * connector-github's secret columns and the kit's re-encryption sweep over them, run after a key
 * rotation (docs/connectors/github.md, "Key rotation").
 */
@ApplicationScoped
public class SecretMaintenance {

  /** Every column of {@code github_connection} that holds an {@code enc:v1:} value. */
  public static final List<SecretColumn> COLUMNS =
      List.of(
          new SecretColumn(
              "github_connection",
              "id",
              "webhook_secret",
              id -> Connection.secretContext((UUID) id)),
          new SecretColumn(
              "github_connection", "id", "token", id -> Connection.tokenContext((UUID) id)),
          new SecretColumn(
              "github_connection",
              "id",
              "previous_webhook_secret",
              id -> Connection.previousSecretContext((UUID) id)));

  private final SecretReEncryption sweep;
  private final int batchSize;

  /** The kit's sweep; {@code github.re-encrypt.batch-size} rows per statement. */
  public SecretMaintenance(
      SecretReEncryption sweep,
      @ConfigProperty(name = "github.re-encrypt.batch-size", defaultValue = "100") int batchSize) {
    this.sweep = sweep;
    this.batchSize = batchSize;
  }

  /** Moves every stored secret to the keyset's primary key; safe to run again at any time. */
  public Uni<ReEncryptionReport> reEncrypt() {
    return sweep.sweep(COLUMNS, batchSize);
  }
}
