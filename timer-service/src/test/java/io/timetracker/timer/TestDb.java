package io.timetracker.timer;

import io.quarkus.arc.Unremovable;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Reads the test database over JDBC, beside the application, so a test can check what was (not)
 * written without trusting the API it is testing.
 */
@ApplicationScoped
@Unremovable
public class TestDb {
  private final String url;
  private final String user;
  private final String password;

  public TestDb(
      @ConfigProperty(name = "quarkus.datasource.jdbc.url") String url,
      @ConfigProperty(name = "quarkus.datasource.username") String user,
      @ConfigProperty(name = "quarkus.datasource.password") String password) {
    this.url = url;
    this.user = user;
    this.password = password;
  }

  /** All time entries of a user, running or not. */
  public long entriesOf(long userId) {
    return count("SELECT count(*) FROM time_entries WHERE user_id = ?", userId);
  }

  /** Time entries of a user whose timer runs. */
  public long runningEntriesOf(long userId) {
    return count(
        "SELECT count(*) FROM time_entries WHERE user_id = ? AND end_time IS NULL", userId);
  }

  /** Time entries of a user with this external reference. */
  public long entriesWithRef(long userId, String externalRef) {
    return count(
        "SELECT count(*) FROM time_entries WHERE user_id = ? AND external_ref = ?",
        userId,
        externalRef);
  }

  /** User rows with this token subject. */
  public long usersWithSubject(String subject) {
    return count("SELECT count(*) FROM users WHERE subject = ?", subject);
  }

  /** Identity rows with this provider and stored external id. */
  public long identities(String provider, String externalId) {
    return count(
        "SELECT count(*) FROM user_identities WHERE provider = ? AND external_id = ?",
        provider,
        externalId);
  }

  /** The first column of the first row of a query, as a string (null when there is no row). */
  public String string(String sql, Object... args) {
    return first(sql, args, r -> r.getString(1));
  }

  /** Rows of a whole table. */
  public long rows(String table) {
    if (!table.matches("[a-z_]+")) {
      throw new IllegalArgumentException(table);
    }
    return count("SELECT count(*) FROM " + table);
  }

  private long count(String sql, Object... args) {
    return first(sql, args, r -> r.getLong(1));
  }

  /** Reads one column of a row. */
  private interface Column<T> {
    T read(ResultSet r) throws SQLException;
  }

  private <T> T first(String sql, Object[] args, Column<T> column) {
    try (Connection c = DriverManager.getConnection(url, user, password);
        PreparedStatement s = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        s.setObject(i + 1, args[i]);
      }
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? column.read(r) : null;
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
