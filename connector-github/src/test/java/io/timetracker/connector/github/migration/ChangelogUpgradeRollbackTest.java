package io.timetracker.connector.github.migration;

import static org.assertj.core.api.Assertions.assertThat;

import io.timetracker.testsupport.EmbeddedPostgresResource;
import io.timetracker.testsupport.LiquibaseCommands;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * connector-github's changelog (with the kit's files it includes) on real PostgreSQL: upgrade, roll
 * back to a tag, upgrade again; every changeset's rollback; stable file names. No Quarkus.
 */
class ChangelogUpgradeRollbackTest {

  private static final String CHANGELOG = "db/changelog/db.changelog-master.xml";
  private static final String TABLES =
      "select table_name from information_schema.tables where table_schema = 'public'"
          + " and table_type = 'BASE TABLE' order by 1";
  private static final String CONNECTION_COLUMNS =
      "select column_name from information_schema.columns where table_schema = 'public'"
          + " and table_name = 'github_connection' order by 1";
  private static final String TAGS =
      "select tag from databasechangelog where tag is not null order by orderexecuted";

  @Test
  void updateRollbackToTheBaselineTagThenUpdateAgain() throws SQLException {
    Db db = Db.fresh();

    db.liquibase.update();
    assertThat(db.strings(TABLES))
        .contains("github_connection", "github_effect", "github_sync_run", "inbox_delivery");
    assertThat(db.strings(CONNECTION_COLUMNS))
        .contains("verified_at", "previous_webhook_secret", "previous_secret_expires_at");
    assertThat(db.strings(TAGS))
        .containsExactly("github-v1-baseline", "github-v2-access-rotation-sync");

    db.liquibase.rollbackToTag("github-v1-baseline");
    assertThat(db.strings(TABLES))
        .contains("github_connection", "github_effect")
        .doesNotContain("github_sync_run");
    assertThat(db.strings(CONNECTION_COLUMNS))
        .contains("webhook_secret", "token")
        .doesNotContain("verified_at", "previous_webhook_secret");
    assertThat(db.strings(TAGS)).containsExactly("github-v1-baseline");

    db.liquibase.update();
    assertThat(db.strings(TABLES)).contains("github_sync_run");
    assertThat(db.strings(CONNECTION_COLUMNS)).contains("verified_at", "previous_webhook_secret");
    assertThat(db.strings(TAGS))
        .containsExactly("github-v1-baseline", "github-v2-access-rotation-sync");
  }

  @Test
  void rollingBackEveryChangesetLeavesOnlyLiquibaseTablesAndFileNamesAreLogical()
      throws SQLException {
    Db db = Db.fresh();
    db.liquibase.update();
    assertThat(db.strings("select distinct filename from databasechangelog order by 1"))
        .containsExactly(
            "db/changelog/changes/001-github-connection.xml",
            "db/changelog/changes/002-access-rotation-sync.xml",
            "db/changelog/changes/003-github-effect-retention.xml",
            "db/changelog/connector-kit/inbox.xml",
            "db/changelog/connector-kit/jobs.xml");
    int applied = db.strings("select id from databasechangelog").size();

    db.liquibase.rollbackCount(applied);

    assertThat(db.strings(TABLES)).containsExactly("databasechangelog", "databasechangeloglock");
  }

  private record Db(String url, String user, LiquibaseCommands liquibase) {

    static Db fresh() {
      String name = EmbeddedPostgresResource.createDatabase("ghmig");
      return new Db(
          EmbeddedPostgresResource.jdbcUrl(name),
          name,
          LiquibaseCommands.forDatabase(name, CHANGELOG));
    }

    List<String> strings(String sql) throws SQLException {
      List<String> values = new ArrayList<>();
      try (Connection c = DriverManager.getConnection(url, user, user);
          Statement s = c.createStatement();
          ResultSet rs = s.executeQuery(sql)) {
        while (rs.next()) {
          values.add(rs.getString(1));
        }
      }
      return values;
    }
  }
}
