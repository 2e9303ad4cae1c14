package io.timetracker.connector.kit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The kit's changelogs apply, roll back completely, and apply again. */
class KitChangelogTest {

  private static final String TABLES =
      "select table_name from information_schema.tables where table_schema = 'public'"
          + " order by 1";
  private static final String INDEXES =
      "select indexname from pg_indexes where schemaname = 'public' order by 1";

  @Test
  void updateRollbackUpdateLeavesTheSameSchema() {
    try (KitDatabase db = KitDatabase.empty()) {
      db.migrate();
      assertThat(db.strings(TABLES)).contains("connector_job", "inbox_delivery", "oauth_state");
      assertThat(db.strings(INDEXES))
          .contains(
              "pk_connector_job",
              "ix_connector_job_due",
              "pk_inbox_delivery",
              "ux_inbox_delivery_connection_delivery",
              "ix_inbox_delivery_due",
              "ix_inbox_delivery_connection",
              "ix_inbox_delivery_key_seq",
              "ix_inbox_delivery_finished")
          .doesNotContain("ux_inbox_delivery_provider_delivery");
      int changesets = db.strings("select id from databasechangelog").size();

      db.rollback(changesets);
      assertThat(db.strings(TABLES)).containsExactly("databasechangelog", "databasechangeloglock");

      db.migrate();
      assertThat(db.strings(TABLES)).contains("connector_job", "inbox_delivery");
      assertThat(db.strings("select distinct filename from databasechangelog order by 1"))
          .containsExactly(
              "db/changelog/connector-kit/cache.xml",
              "db/changelog/connector-kit/inbox.xml",
              "db/changelog/connector-kit/jobs.xml",
              "db/changelog/connector-kit/oauth-state.xml");
    }
  }

  @Test
  void statusOutsideTheKnownSetIsRejectedByTheDatabase() {
    try (KitDatabase db = KitDatabase.migrated()) {
      org.assertj.core.api.Assertions.assertThatThrownBy(
              () ->
                  db.execute(
                      "insert into inbox_delivery (id, provider, delivery_id, event, received_at,"
                          + " payload, status) values (gen_random_uuid(), 'github', 'd1', 'ping',"
                          + " now(), '\\x00', 'weird')"))
          .hasMessageContaining("ck_inbox_delivery_status");
    }
  }
}
