package io.timetracker.timer.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Invariants that the migrated schema itself enforces, whatever the application does. */
class SchemaConstraintsTest {

  private static final String UNIQUE_VIOLATION = "23505";
  private static final String CHECK_VIOLATION = "23514";

  private static MigrationDatabase db;

  @BeforeAll
  static void migrate() throws SQLException {
    db = MigrationDatabase.fresh();
    db.update();
    db.execute(
        "insert into users (id, subject, username) values (1, 'sub-alice', 'alice')",
        "insert into users (id, subject, username) values (2, 'sub-bob', 'bob')",
        "insert into users (id, subject, username) values (3, 'sub-carol', 'carol')",
        "insert into clients (id, name) values (1, 'Acme')",
        "insert into projects (id, client_id, name) values (1, 1, 'Website')");
  }

  @Test
  void oneRunningTimerPerUserIsEnforcedByTheDatabase() throws SQLException {
    db.execute(
        "insert into time_entries (user_id, project_id, start_time, end_time)"
            + " values (1, 1, '2025-01-06T08:00:00Z', '2025-01-06T09:00:00Z')",
        "insert into time_entries (user_id, project_id, start_time)"
            + " values (1, 1, '2025-01-06T10:00:00Z')");

    assertThatThrownBy(
            () ->
                db.execute(
                    "insert into time_entries (user_id, project_id, start_time)"
                        + " values (1, 1, '2025-01-06T10:05:00Z')"))
        .isInstanceOfSatisfying(
            SQLException.class,
            e -> {
              assertThat(e.getSQLState()).isEqualTo(UNIQUE_VIOLATION);
              assertThat(e.getMessage()).contains("ux_time_entries_one_running_per_user");
            });

    db.execute(
        "insert into time_entries (user_id, project_id, start_time)"
            + " values (2, 1, '2025-01-06T10:05:00Z')");
    assertThat(db.strings("select count(*) from time_entries where end_time is null"))
        .containsExactly("2");
  }

  @Test
  void rejectsEntryEndingBeforeItStarts() throws SQLException {
    try (Connection c = db.connect();
        Statement s = c.createStatement()) {
      assertThatThrownBy(
              () ->
                  s.execute(
                      "insert into time_entries (user_id, project_id, start_time, end_time)"
                          + " values (3, 1, '2025-01-06T10:00:00Z', '2025-01-06T09:59:59Z')"))
          .isInstanceOfSatisfying(
              SQLException.class,
              e -> {
                assertThat(e.getSQLState()).isEqualTo(CHECK_VIOLATION);
                assertThat(e.getMessage()).contains("ck_time_entries_end_after_start");
              });
    }
    assertThat(db.strings("select count(*) from time_entries where user_id = 3"))
        .containsExactly("0");
  }
}
