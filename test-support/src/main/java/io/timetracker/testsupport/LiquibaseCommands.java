package io.timetracker.testsupport;

import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import liquibase.Scope;
import liquibase.command.CommandScope;
import liquibase.command.core.RollbackCommandStep;
import liquibase.command.core.RollbackCountCommandStep;
import liquibase.command.core.UpdateCommandStep;
import liquibase.command.core.UpdateToTagCommandStep;
import liquibase.command.core.helpers.DatabaseChangelogCommandStep;
import liquibase.command.core.helpers.DbUrlConnectionArgumentsCommandStep;
import liquibase.resource.ClassLoaderResourceAccessor;
import liquibase.ui.LoggerUIService;

/**
 * Runs Liquibase commands (update, rollback, …) against a test database with a changelog from the
 * classpath, the way a service does at start, without booting Quarkus.
 *
 * @param url JDBC URL of the database
 * @param user login role (its password is the same, as {@link EmbeddedPostgresResource} creates)
 * @param changelog classpath location of the master changelog
 */
public record LiquibaseCommands(String url, String user, String changelog) {

  /** Commands for a database made by {@link EmbeddedPostgresResource#createDatabase(String)}. */
  public static LiquibaseCommands forDatabase(String database, String changelog) {
    return new LiquibaseCommands(EmbeddedPostgresResource.jdbcUrl(database), database, changelog);
  }

  public void update() {
    run(UpdateCommandStep.COMMAND_NAME, Map.of());
  }

  public void updateToTag(String tag) {
    run(UpdateToTagCommandStep.COMMAND_NAME, Map.of(UpdateToTagCommandStep.TAG_ARG.getName(), tag));
  }

  public void rollbackToTag(String tag) {
    run(RollbackCommandStep.COMMAND_NAME, Map.of(RollbackCommandStep.TAG_ARG.getName(), tag));
  }

  public void rollbackCount(int count) {
    run(
        RollbackCountCommandStep.COMMAND_NAME,
        Map.of(RollbackCountCommandStep.COUNT_ARG.getName(), count));
  }

  /** Runs one Liquibase command with extra arguments; failures become IllegalStateException. */
  public void run(String[] command, Map<String, Object> arguments) {
    Map<String, Object> scope = new LinkedHashMap<>();
    scope.put(
        Scope.Attr.resourceAccessor.name(),
        new ClassLoaderResourceAccessor(Thread.currentThread().getContextClassLoader()));
    scope.put(Scope.Attr.ui.name(), new LoggerUIService());
    scope.put("liquibase.analytics.enabled", false);
    try {
      Scope.child(
          scope,
          () -> {
            CommandScope commandScope =
                new CommandScope(command)
                    .addArgumentValue(DbUrlConnectionArgumentsCommandStep.URL_ARG, url)
                    .addArgumentValue(DbUrlConnectionArgumentsCommandStep.USERNAME_ARG, user)
                    .addArgumentValue(DbUrlConnectionArgumentsCommandStep.PASSWORD_ARG, user)
                    .addArgumentValue(DatabaseChangelogCommandStep.CHANGELOG_FILE_ARG, changelog);
            arguments.forEach(commandScope::addArgumentValue);
            commandScope.setOutput(OutputStream.nullOutputStream());
            commandScope.execute();
          });
    } catch (Exception e) {
      throw new IllegalStateException(
          "liquibase " + String.join(" ", command) + " failed: " + e.getMessage(), e);
    }
  }
}
