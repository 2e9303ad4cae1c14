package io.timetracker.connector.kit;

import io.timetracker.testsupport.EmbeddedPostgresResource;
import io.timetracker.testsupport.LiquibaseCommands;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.PoolOptions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import liquibase.command.core.RollbackCountCommandStep;
import liquibase.command.core.UpdateCommandStep;

/**
 * A fresh database on the shared in-JVM PostgreSQL with the kit's changelogs applied by Liquibase
 * (as a connector would include them), plus a reactive pool on a plain Vert.x: no Quarkus boot.
 */
public final class KitDatabase implements AutoCloseable {

  /** A master changelog including the kit's files, as a connector's would. */
  public static final String CHANGELOG = "db/changelog/kit-test-master.xml";

  private final String name;
  private final String url;
  private Vertx vertx;
  private Pool pool;

  private KitDatabase(String name) {
    this.name = name;
    this.url = EmbeddedPostgresResource.jdbcUrl(name);
  }

  /** An empty database; call {@link #migrate()} to create the kit's tables. */
  public static KitDatabase empty() {
    return new KitDatabase(EmbeddedPostgresResource.createDatabase("kit"));
  }

  /** A database with the kit's tables. */
  public static KitDatabase migrated() {
    KitDatabase db = empty();
    db.migrate();
    return db;
  }

  /** Liquibase update. */
  public void migrate() {
    liquibase(UpdateCommandStep.COMMAND_NAME, Map.of());
  }

  /** Liquibase rollback of the last {@code count} changesets. */
  public void rollback(int count) {
    liquibase(
        RollbackCountCommandStep.COMMAND_NAME,
        Map.of(RollbackCountCommandStep.COUNT_ARG.getName(), count));
  }

  /** The reactive pool (created on first use). */
  public synchronized Pool pool() {
    if (pool == null) {
      pool = Pool.pool(vertx(), connectOptions(), new PoolOptions().setMaxSize(8));
    }
    return pool;
  }

  /** A second, independent pool on the same database (as another replica would have). */
  public Pool newPool() {
    return Pool.pool(vertx(), connectOptions(), new PoolOptions().setMaxSize(8));
  }

  /** The Vert.x instance behind the pools. */
  public synchronized Vertx vertx() {
    if (vertx == null) {
      vertx = Vertx.vertx();
    }
    return vertx;
  }

  /** Where the database is. */
  public PgConnectOptions connectOptions() {
    return new PgConnectOptions()
        .setHost("localhost")
        .setPort(EmbeddedPostgresResource.server().getPort())
        .setDatabase(name)
        .setUser(name)
        .setPassword(name);
  }

  /** Runs statements over JDBC. */
  public void execute(String... statements) {
    try (Connection c = DriverManager.getConnection(url, name, name);
        Statement s = c.createStatement()) {
      for (String sql : statements) {
        s.execute(sql);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Single-column results as strings. */
  public List<String> strings(String sql) {
    List<String> values = new ArrayList<>();
    try (Connection c = DriverManager.getConnection(url, name, name);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        values.add(rs.getString(1));
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return values;
  }

  @Override
  public synchronized void close() {
    if (pool != null) {
      pool.closeAndAwait();
    }
    if (vertx != null) {
      vertx.closeAndAwait();
    }
  }

  private void liquibase(String[] command, Map<String, Object> arguments) {
    new LiquibaseCommands(url, name, CHANGELOG).run(command, arguments);
  }
}
