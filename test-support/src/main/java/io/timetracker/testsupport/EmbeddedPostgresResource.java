package io.timetracker.testsupport;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

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
  private static boolean stopped;
  private static Path dataDirectory;
  private static int port;

  /** Returns the shared server, starting it on first use. */
  public static synchronized EmbeddedPostgres server() {
    if (server == null) {
      try {
        dataDirectory = Files.createTempDirectory("tt-embedded-pg");
        server = builder().start();
        port = server.getPort();
      } catch (IOException e) {
        throw new UncheckedIOException("could not start embedded PostgreSQL", e);
      }
      Runtime.getRuntime().addShutdownHook(new Thread(EmbeddedPostgresResource::closeQuietly));
    }
    return server;
  }

  /**
   * Stops the shared server (fast shutdown: open connections are cut), keeping its data, so a test
   * can see how an application copes with a database outage. {@link #startServer()} brings it back;
   * always call it in a {@code finally} block, the server is shared by every test of the JVM.
   */
  public static synchronized void stopServer() {
    try {
      server().close();
      stopped = true;
    } catch (IOException e) {
      throw new UncheckedIOException("could not stop embedded PostgreSQL", e);
    }
  }

  /** Starts the stopped server again on the same port with the same data. */
  public static synchronized void startServer() {
    if (!stopped) {
      return;
    }
    try {
      server = builder().setPort(port).start();
      stopped = false;
    } catch (IOException e) {
      throw new UncheckedIOException("could not restart embedded PostgreSQL", e);
    }
  }

  private static EmbeddedPostgres.Builder builder() {
    return EmbeddedPostgres.builder()
        .setDataDirectory(dataDirectory)
        .setCleanDataDirectory(false)
        .setRegisterShutdownHook(false);
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
      if (server != null && !stopped) {
        server.close();
      }
      if (dataDirectory != null) {
        try (Stream<Path> files = Files.walk(dataDirectory)) {
          files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        }
      }
    } catch (IOException ignored) {
      // the JVM is exiting
    }
  }
}
