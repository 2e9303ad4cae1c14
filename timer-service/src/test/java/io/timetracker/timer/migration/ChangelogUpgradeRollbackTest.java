package io.timetracker.timer.migration;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Upgrade, rollback and re-run behaviour of the timer-service changelog on real PostgreSQL. */
class ChangelogUpgradeRollbackTest {

  private static final String[] BASELINE_TABLES = {
    "users", "clients", "projects", "project_members", "tasks", "time_entries", "idempotency_keys"
  };
  private static final String[] TASK_REF_INDEXES = {
    "ix_tasks_external_ref", "ux_tasks_project_external_ref"
  };
  private static final String[] GITHUB_REFS_INDEXES = {
    "ix_tasks_external_ref", "ux_tasks_project_external_ref", "ux_users_github_username_ci"
  };

  @Test
  void updateRollbackToFirstTagThenUpdateAgainOnEmptyDatabase() throws Exception {
    MigrationDatabase db = MigrationDatabase.fresh();

    db.update();
    assertThat(db.tables()).contains(BASELINE_TABLES);
    assertThat(db.columns("users"))
        .contains("subject", "time_zone")
        .doesNotContain("github_username");
    assertThat(db.tables()).contains("user_identities");
    assertThat(db.columns("tasks")).contains("version", "external_ref", "external_source");
    assertThat(db.indexes())
        .contains("ux_time_entries_one_running_per_user", "ix_time_entries_user_start")
        .contains(TASK_REF_INDEXES)
        .doesNotContain("ux_users_github_username_ci");
    assertThat(db.tables()).contains("outbox");
    assertThat(db.columns("outbox")).contains("parked_at", "failures");
    assertThat(db.tags())
        .containsExactly(
            "v1-baseline",
            "v2-github-refs",
            "v3-outbox",
            "v4-external-identities",
            "v5-outbox-parking",
            "v6-service-clients");

    db.rollbackToTag("v1-baseline");
    assertThat(db.tables()).contains(BASELINE_TABLES).doesNotContain("outbox");
    assertThat(db.columns("users")).contains("subject").doesNotContain("github_username");
    assertThat(db.columns("tasks"))
        .contains("version")
        .doesNotContain("external_ref", "external_source");
    assertThat(db.indexes())
        .contains("ux_time_entries_one_running_per_user")
        .doesNotContain(GITHUB_REFS_INDEXES);
    assertThat(db.tags()).containsExactly("v1-baseline");

    db.update();
    assertThat(db.tables()).contains("user_identities");
    assertThat(db.columns("tasks")).contains("external_ref", "external_source");
    assertThat(db.indexes()).contains(TASK_REF_INDEXES);
    assertThat(db.tags())
        .containsExactly(
            "v1-baseline",
            "v2-github-refs",
            "v3-outbox",
            "v4-external-identities",
            "v5-outbox-parking",
            "v6-service-clients");
  }

  @Test
  void githubRefsChangesetIsMarkedRanWhenColumnsAlreadyExist() throws Exception {
    MigrationDatabase db = MigrationDatabase.fresh();
    db.updateToTag("v1-baseline");
    // the original's migration 155 already ran on this schema
    db.execute(
        "alter table users add column github_username varchar(100)",
        "alter table tasks add column external_ref varchar(200)",
        "create index ix_tasks_external_ref on tasks (external_ref)");

    db.update();

    Map<String, String> execTypes = db.changelogExecTypes();
    assertThat(execTypes)
        .containsEntry("002-01-users-github-username", "MARK_RAN")
        .containsEntry("002-02-tasks-external-ref", "MARK_RAN")
        .containsEntry("002-03-tasks-external-ref-index", "MARK_RAN")
        .containsEntry("003-01-tasks-external-source", "EXECUTED")
        .containsEntry("003-02-ux-tasks-project-external-ref", "EXECUTED")
        .containsEntry("003-03-ux-users-github-username-ci", "EXECUTED");
    assertThat(db.indexes()).contains(TASK_REF_INDEXES);
  }

  @Test
  void externalRefIndexIsCreatedWhenOnlyTheColumnAlreadyExists() throws Exception {
    MigrationDatabase db = MigrationDatabase.fresh();
    db.updateToTag("v1-baseline");
    // the original skipped the index when the column predated its run (ORIGINAL_BEHAVIOUR H)
    db.execute("alter table tasks add column external_ref varchar(200)");

    db.update();

    assertThat(db.changelogExecTypes())
        .containsEntry("002-01-users-github-username", "EXECUTED")
        .containsEntry("002-02-tasks-external-ref", "MARK_RAN")
        .containsEntry("002-03-tasks-external-ref-index", "EXECUTED");
    assertThat(db.indexes()).contains("ix_tasks_external_ref");
  }

  @Test
  void rollingBackEveryChangesetLeavesOnlyLiquibaseTables() throws Exception {
    MigrationDatabase db = MigrationDatabase.fresh();
    db.update();
    int applied = db.changelogExecTypes().size();
    assertThat(applied).isGreaterThanOrEqualTo(15);

    db.rollbackCount(applied);

    assertThat(db.tables()).containsExactly("databasechangelog", "databasechangeloglock");
    assertThat(db.changelogExecTypes()).isEmpty();
    assertThat(db.indexes()).containsExactly("databasechangeloglock_pkey");
    assertThat(
            db.strings(
                "select relname from pg_class c join pg_namespace n on n.oid ="
                    + " c.relnamespace where n.nspname = 'public' and c.relkind = 'S'"))
        .isEmpty();
  }

  @Test
  void changesetsAreRecordedUnderTheirLogicalFilePath() throws Exception {
    // the Maven plugin behind deploy/local/bin/db.sh reads the same files from the source tree:
    // both must record identical FILENAME values or each would re-run the other's changesets
    MigrationDatabase db = MigrationDatabase.fresh();
    db.update();

    assertThat(db.strings("select distinct filename from databasechangelog order by 1"))
        .startsWith(
            "db/changelog/changes/001-initial-schema.xml",
            "db/changelog/changes/002-github-refs.xml",
            "db/changelog/changes/003-external-sources.xml");
  }
}
