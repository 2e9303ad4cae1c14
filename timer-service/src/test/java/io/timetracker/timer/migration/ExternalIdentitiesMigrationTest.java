package io.timetracker.timer.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/**
 * The GitHub login column moving into {@code user_identities}: seeded on the previous tag,
 * migrated, rolled back with its values, and migrated again, on real PostgreSQL.
 */
class ExternalIdentitiesMigrationTest {

  private static final String IDENTITIES =
      "select u.username || '=' || i.provider || '/' || i.external_id || '/' || i.display_name"
          + " from user_identities i join users u on u.id = i.user_id order by u.username";
  private static final String LOGINS =
      "select username || '=' || coalesce(github_username, '-') from users order by username";

  @Test
  void githubLoginsBecomeIdentitiesAndComeBackOnRollback() throws Exception {
    MigrationDatabase db = MigrationDatabase.fresh();
    db.updateToTag("v3-outbox");
    seedUsers(db);

    // up to this changeset's tag, so later changesets do not change what is checked here
    db.updateToTag("v4-external-identities");

    assertThat(db.columns("users")).doesNotContain("github_username");
    assertThat(db.indexes()).doesNotContain("ux_users_github_username_ci");
    assertThat(db.strings(IDENTITIES))
        .containsExactly("alice=github/octo-alice/Octo-Alice", "bob=github/bob-gh/bob-gh");
    assertThat(db.tags()).containsSubsequence("v3-outbox", "v4-external-identities");

    db.rollbackToTag("v3-outbox");

    assertThat(db.tables()).doesNotContain("user_identities");
    assertThat(db.strings(LOGINS)).containsExactly("alice=Octo-Alice", "bob=bob-gh", "carol=-");
    assertThat(db.indexes()).contains("ux_users_github_username_ci");

    db.update();

    assertThat(db.strings(IDENTITIES))
        .containsExactly("alice=github/octo-alice/Octo-Alice", "bob=github/bob-gh/bob-gh");
    assertThat(db.columns("users")).doesNotContain("github_username");
  }

  @Test
  void anIdentityBelongsToOneUserAndGithubLoginsAreStoredLowerCase() throws Exception {
    MigrationDatabase db = MigrationDatabase.fresh();
    db.update();
    db.execute(
        "insert into users (subject, username) values ('s-a', 'a'), ('s-b', 'b')",
        "insert into user_identities (user_id, provider, external_id)"
            + " select id, 'slack', 'T1:U1' from users where username = 'a'");

    assertThatThrownBy(
            () ->
                db.execute(
                    "insert into user_identities (user_id, provider, external_id)"
                        + " select id, 'slack', 'T1:U1' from users where username = 'b'"))
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("ux_user_identities_provider_external_id");
    assertThatThrownBy(
            () ->
                db.execute(
                    "insert into user_identities (user_id, provider, external_id)"
                        + " select id, 'github', 'Octo' from users where username = 'b'"))
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("ck_user_identities_github_lower");
  }

  private static void seedUsers(MigrationDatabase db) throws SQLException {
    db.execute(
        "insert into users (subject, username, github_username) values"
            + " ('s-alice', 'alice', 'Octo-Alice'),"
            + " ('s-bob', 'bob', 'bob-gh'),"
            + " ('s-carol', 'carol', null)");
  }
}
