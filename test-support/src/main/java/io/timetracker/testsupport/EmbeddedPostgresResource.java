package io.timetracker.testsupport;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Starts a real PostgreSQL server inside the test JVM (zonky embedded binaries) and gives every
 * Quarkus application start its own fresh database, so test profiles never see each other's rows.
 *
 * <p>The server is shared by all starts in one JVM: starting it costs about two seconds, a new
 * database a few milliseconds.
 */
public class EmbeddedPostgresResource implements QuarkusTestResourceLifecycleManager {

  private static final AtomicInteger DATABASES = new AtomicInteger();
  private static EmbeddedPostgres server;

  /** Returns the shared server, starting it on first use. */
  public static synchronized EmbeddedPostgres server() {
    if (server == null) {
      try {
        server = EmbeddedPostgres.builder().start();
      } catch (IOException e) {
        throw new UncheckedIOException("could not start embedded PostgreSQL", e);
      }
      Runtime.getRuntime().addShutdownHook(new Thread(EmbeddedPostgresResource::closeQuietly));
    }
    return server;
  }

  /** Creates an empty database owned by a login role of the same name and returns its name. */
  public static String createDatabase(String prefix) {
    String name = prefix + "_" + DATABASES.incrementAndGet();
    try (Connection c = server().getPostgresDatabase().getConnection();
        Statement s = c.createStatement()) {
      s.execute("CREATE ROLE " + name + " LOGIN PASSWORD '" + name + "'");
      s.execute("CREATE DATABASE " + name + " OWNER " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("could not create database " + name, e);
    }
    return name;
  }

  /** JDBC URL of a database on the shared server. */
  public static String jdbcUrl(String database) {
    return "jdbc:postgresql://localhost:" + server().getPort() + "/" + database;
  }

  @Override
  public Map<String, String> start() {
    String db = createDatabase("test");
    String hostPort = "localhost:" + server().getPort() + "/" + db;
    return Map.of(
        "quarkus.datasource.reactive.url",
        "postgresql://" + hostPort,
        "quarkus.datasource.jdbc.url",
        "jdbc:postgresql://" + hostPort,
        "quarkus.datasource.username",
        db,
        "quarkus.datasource.password",
        db);
  }

  @Override
  public void stop() {
    // the server outlives one application start; the JVM shutdown hook closes it
  }

  private static synchronized void closeQuietly() {
    try {
      if (server != null) {
        server.close();
      }
    } catch (IOException ignored) {
      // the JVM is exiting
    }
  }
}
