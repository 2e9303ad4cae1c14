package io.timetracker.connector.kit.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProcessedEventChangelogTest {
  private static final String TABLES =
      "select table_name from information_schema.tables where table_name = 'processed_event'";

  @Test
  void includedChangelogCreatesTheTableWithItsPruningIndex() throws Exception {
    ConsumerDatabase db = ConsumerDatabase.migrated();

    assertThat(db.strings(TABLES)).containsExactly("processed_event");
    assertThat(
            db.strings(
                "select column_name from information_schema.columns"
                    + " where table_name = 'processed_event' order by ordinal_position"))
        .containsExactly("event_id", "processed_at");
    assertThat(db.strings("select indexname from pg_indexes where tablename = 'processed_event'"))
        .containsExactlyInAnyOrder("pk_processed_event", "ix_processed_event_processed_at");
  }

  @Test
  void rollbackDropsTheTableAndUpdateRecreatesIt() throws Exception {
    ConsumerDatabase db = ConsumerDatabase.migrated();

    db.rollbackCount(1);
    assertThat(db.strings(TABLES)).isEmpty();

    db.update();
    assertThat(db.strings(TABLES)).containsExactly("processed_event");
  }

  @Test
  void existingTableIsMarkedRanNotRecreated() throws Exception {
    ConsumerDatabase db = ConsumerDatabase.fresh();
    db.execute("CREATE TABLE processed_event (event_id varchar(255) PRIMARY KEY)");

    db.update();

    assertThat(db.strings("select exectype from databasechangelog")).containsExactly("MARK_RAN");
  }
}
