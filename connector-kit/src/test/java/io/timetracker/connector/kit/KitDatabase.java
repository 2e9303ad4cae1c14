package io.timetracker.connector.kit;

import io.timetracker.testsupport.EmbeddedPostgresResource;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.PoolOptions;
import java.io.OutputStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import liquibase.Scope;
import liquibase.command.CommandScope;
import liquibase.command.core.RollbackCountCommandStep;
import liquibase.command.core.UpdateCommandStep;
import liquibase.command.core.helpers.DatabaseChangelogCommandStep;
import liquibase.command.core.helpers.DbUrlConnectionArgumentsCommandStep;
import liquibase.resource.ClassLoaderResourceAccessor;
import liquibase.ui.LoggerUIService;

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
      vertx = Vertx.vertx();
      PgConnectOptions connect =
          new PgConnectOptions()
              .setHost("localhost")
              .setPort(EmbeddedPostgresResource.server().getPort())
              .setDatabase(name)
              .setUser(name)
              .setPassword(name);
      pool = Pool.pool(vertx, connect, new PoolOptions().setMaxSize(8));
    }
    return pool;
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
      vertx.closeAndAwait();
    }
  }

  private void liquibase(String[] command, Map<String, Object> arguments) {
    Map<String, Object> scope = new LinkedHashMap<>();
    scope.put(
        Scope.Attr.resourceAccessor.name(),
        new ClassLoaderResourceAccessor(KitDatabase.class.getClassLoader()));
    scope.put(Scope.Attr.ui.name(), new LoggerUIService());
    scope.put("liquibase.analytics.enabled", false);
    try {
      Scope.child(
          scope,
          () -> {
            CommandScope commandScope =
                new CommandScope(command)
                    .addArgumentValue(DbUrlConnectionArgumentsCommandStep.URL_ARG, url)
                    .addArgumentValue(DbUrlConnectionArgumentsCommandStep.USERNAME_ARG, name)
                    .addArgumentValue(DbUrlConnectionArgumentsCommandStep.PASSWORD_ARG, name)
                    .addArgumentValue(DatabaseChangelogCommandStep.CHANGELOG_FILE_ARG, CHANGELOG);
            arguments.forEach(commandScope::addArgumentValue);
            commandScope.setOutput(OutputStream.nullOutputStream());
            commandScope.execute();
          });
    } catch (Exception e) {
      throw new IllegalStateException("liquibase failed: " + e.getMessage(), e);
    }
  }
}
