package io.timetracker.timer.migration;

import io.timetracker.testsupport.EmbeddedPostgresResource;
import io.timetracker.testsupport.LiquibaseCommands;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import liquibase.command.core.RollbackCommandStep;
import liquibase.command.core.RollbackCountCommandStep;
import liquibase.command.core.UpdateCommandStep;
import liquibase.command.core.UpdateToTagCommandStep;

/**
 * A fresh database on the shared in-JVM PostgreSQL server, migrated with Liquibase's command API
 * the way the service does at start: the master changelog read from the classpath over JDBC. No
 * Quarkus application is started.
 */
final class MigrationDatabase {

  static final String CHANGELOG = "db/changelog/db.changelog-master.xml";

  private final String url;
  private final String user;

  private MigrationDatabase(String url, String user) {
    this.url = url;
    this.user = user;
  }

  /** An empty database owned by a role of the same name (password = name). */
  static MigrationDatabase fresh() {
    String name = EmbeddedPostgresResource.createDatabase("mig");
    return new MigrationDatabase(EmbeddedPostgresResource.jdbcUrl(name), name);
  }

  void update() {
    run(UpdateCommandStep.COMMAND_NAME, Map.of());
  }

  void updateToTag(String tag) {
    run(UpdateToTagCommandStep.COMMAND_NAME, Map.of(UpdateToTagCommandStep.TAG_ARG.getName(), tag));
  }

  void rollbackToTag(String tag) {
    run(RollbackCommandStep.COMMAND_NAME, Map.of(RollbackCommandStep.TAG_ARG.getName(), tag));
  }

  void rollbackCount(int count) {
    run(
        RollbackCountCommandStep.COMMAND_NAME,
        Map.of(RollbackCountCommandStep.COUNT_ARG.getName(), count));
  }

  private void run(String[] command, Map<String, Object> arguments) {
    new LiquibaseCommands(url, user, CHANGELOG).run(command, arguments);
  }

  Connection connect() throws SQLException {
    return DriverManager.getConnection(url, user, user);
  }

  void execute(String... statements) throws SQLException {
    try (Connection c = connect();
        Statement s = c.createStatement()) {
      for (String sql : statements) {
        s.execute(sql);
      }
    }
  }

  /** Single-column query results as strings, in order. */
  List<String> strings(String sql) throws SQLException {
    List<String> values = new ArrayList<>();
    try (Connection c = connect();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        values.add(rs.getString(1));
      }
    }
    return values;
  }

  /** Tables of the public schema. */
  Set<String> tables() throws SQLException {
    return new TreeSet<>(
        strings(
            "select table_name from information_schema.tables"
                + " where table_schema = 'public' and table_type = 'BASE TABLE'"));
  }

  /** Columns of one table of the public schema. */
  Set<String> columns(String table) throws SQLException {
    return new TreeSet<>(
        strings(
            "select column_name from information_schema.columns"
                + " where table_schema = 'public' and table_name = '"
                + table
                + "'"));
  }

  /** Every index of the public schema, including those behind primary keys and constraints. */
  Set<String> indexes() throws SQLException {
    return new TreeSet<>(strings("select indexname from pg_indexes where schemaname = 'public'"));
  }

  /** DATABASECHANGELOG: changeset id to EXECTYPE, in execution order. */
  Map<String, String> changelogExecTypes() throws SQLException {
    Map<String, String> execTypes = new LinkedHashMap<>();
    try (Connection c = connect();
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery("select id, exectype from databasechangelog order by orderexecuted")) {
      while (rs.next()) {
        execTypes.put(rs.getString(1), rs.getString(2));
      }
    }
    return execTypes;
  }

  /** Tags recorded in DATABASECHANGELOG, in execution order. */
  List<String> tags() throws SQLException {
    return strings(
        "select tag from databasechangelog where tag is not null order by orderexecuted");
  }
}
