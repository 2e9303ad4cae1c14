package io.timetracker.connector.kit.consumer;

import io.timetracker.testsupport.EmbeddedPostgresResource;
import io.timetracker.testsupport.LiquibaseCommands;
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
 * A fresh database on the shared in-JVM PostgreSQL server, migrated like a connector's: a master
 * changelog that includes {@code db/changelog/connector-kit/processed-event.xml} from the kit.
 */
final class ConsumerDatabase {
  static final String CHANGELOG = "db/kit-consumer-master.xml";

  final String name;

  private ConsumerDatabase(String name) {
    this.name = name;
  }

  static ConsumerDatabase fresh() {
    return new ConsumerDatabase(EmbeddedPostgresResource.createDatabase("consumer"));
  }

  static ConsumerDatabase migrated() {
    ConsumerDatabase db = fresh();
    db.update();
    return db;
  }

  int port() {
    return EmbeddedPostgresResource.server().getPort();
  }

  String jdbcUrl() {
    return EmbeddedPostgresResource.jdbcUrl(name);
  }

  void update() {
    liquibase(UpdateCommandStep.COMMAND_NAME, Map.of());
  }

  void rollbackCount(int count) {
    liquibase(
        RollbackCountCommandStep.COMMAND_NAME,
        Map.of(RollbackCountCommandStep.COUNT_ARG.getName(), count));
  }

  void execute(String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection(jdbcUrl(), name, name);
        Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  List<String> strings(String sql) throws SQLException {
    List<String> values = new ArrayList<>();
    try (Connection c = DriverManager.getConnection(jdbcUrl(), name, name);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        values.add(rs.getString(1));
      }
    }
    return values;
  }

  private void liquibase(String[] command, Map<String, Object> arguments) {
    new LiquibaseCommands(jdbcUrl(), name, CHANGELOG).run(command, arguments);
  }
}
