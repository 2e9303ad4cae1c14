package io.timetracker.timer.service;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Objects;

/**
 * Creates users on their first call from the claims of their token and looks users up by id.
 *
 * <p>An authenticated request reads its user row (one indexed {@code SELECT}, no write, no commit)
 * and writes only when the token's email, name or role differ from what is stored, or the user is
 * new. The write is a single idempotent {@code INSERT … ON CONFLICT}, so first sign-in stays safe
 * when many requests of a new user arrive at once, on one replica or several.
 */
@ApplicationScoped
public class UserDirectory {

  private static final String COLUMNS =
      "id, username, time_zone, rounding_minutes, rounding_method, role, active";

  private static final String UPSERT =
      """
      INSERT INTO users (subject, username, email, full_name, role)
      VALUES ($1, $2, $3, $4, $5)
      ON CONFLICT (subject) DO UPDATE
        SET email = EXCLUDED.email, full_name = EXCLUDED.full_name,
            role = EXCLUDED.role, updated_at = now()
        WHERE (users.email, users.full_name, users.role)
          IS DISTINCT FROM (EXCLUDED.email, EXCLUDED.full_name, EXCLUDED.role)
      RETURNING %s
      """
          .formatted(COLUMNS);

  private static final String BY_SUBJECT =
      "SELECT " + COLUMNS + ", email, full_name FROM users WHERE subject = $1";

  private final Pool pool;

  public UserDirectory(Pool pool) {
    this.pool = pool;
  }

  /** Finds or creates the user of a token subject, refreshing name, email and role. */
  public Uni<CurrentUser> signIn(
      String subject, String username, String email, String fullName, boolean admin) {
    return pool.preparedQuery(BY_SUBJECT)
        .execute(Tuple.of(subject))
        .chain(
            rows -> {
              Row stored = rows.iterator().hasNext() ? rows.iterator().next() : null;
              if (stored != null && sameClaims(stored, email, fullName, admin)) {
                return Uni.createFrom().item(user(stored));
              }
              return store(subject, username, email, fullName, admin);
            })
        .invoke(
            user -> {
              requireActiveSignedIn(user);
            });
  }

  /** 403 {@code user_inactive} when the signed-in user is deactivated. */
  public static void requireActiveSignedIn(CurrentUser user) {
    if (!user.active()) {
      throw ApiException.forbidden("user_inactive", "This account is deactivated.");
    }
  }

  /**
   * Whether stored claims (email, name, role) already match the token's, so a sign-in would write
   * nothing.
   */
  public static boolean sameClaims(
      String storedEmail,
      String storedFullName,
      String storedRole,
      String email,
      String fullName,
      boolean admin) {
    return Objects.equals(storedEmail, email)
        && Objects.equals(storedFullName, fullName)
        && Objects.equals(storedRole, admin ? "admin" : "user");
  }

  /** Whether the stored row already carries the token's email, name and role. */
  private static boolean sameClaims(Row stored, String email, String fullName, boolean admin) {
    return sameClaims(
        stored.getString("email"),
        stored.getString("full_name"),
        stored.getString("role"),
        email,
        fullName,
        admin);
  }

  /** Creates the user or refreshes the claims that changed (idempotent). */
  private Uni<CurrentUser> store(
      String subject, String username, String email, String fullName, boolean admin) {
    String login = username == null || username.isBlank() ? subject : username.trim().toLowerCase();
    return upsert(subject, login, email, fullName, admin)
        .onFailure(failure -> Constraints.isViolation(failure, "username"))
        .recoverWithUni(
            () ->
                upsert(
                    subject,
                    login + "-" + subject.substring(0, Math.min(8, subject.length())),
                    email,
                    fullName,
                    admin))
        .chain(
            found ->
                found != null
                    ? Uni.createFrom().item(found)
                    : bySubject(subject).onItem().ifNull().failWith(IllegalStateException::new));
  }

  /** The user with this id, for service calls that act for a user. */
  public Uni<CurrentUser> byId(long id) {
    return pool.preparedQuery("SELECT " + COLUMNS + " FROM users WHERE id = $1")
        .execute(Tuple.of(id))
        .map(UserDirectory::first)
        .onItem()
        .ifNull()
        .failWith(() -> notFound(id));
  }

  /**
   * The user a service client acts for: 404 {@code user_not_found}, 403 {@code user_inactive} when
   * the user is deactivated.
   */
  public Uni<CurrentUser> actingFor(long id, String clientId) {
    return byId(id).map(user -> acting(user, clientId));
  }

  /**
   * The found user (null: 404 {@code user_not_found}) acted for by a client; 403 {@code
   * user_inactive} when deactivated.
   */
  public static CurrentUser acting(long id, CurrentUser user, String clientId) {
    if (user == null) {
      throw notFound(id);
    }
    return acting(user, clientId);
  }

  private static CurrentUser acting(CurrentUser user, String clientId) {
    if (!user.active()) {
      throw ApiException.forbidden(
          "user_inactive", "User " + user.id() + " is deactivated; nothing is done for them.");
    }
    return user.actedForBy(clientId);
  }

  private static ApiException notFound(long id) {
    return ApiException.notFound("user_not_found", "No user with id " + id + ".");
  }

  private Uni<CurrentUser> bySubject(String subject) {
    return pool.preparedQuery("SELECT " + COLUMNS + " FROM users WHERE subject = $1")
        .execute(Tuple.of(subject))
        .map(UserDirectory::first);
  }

  private Uni<CurrentUser> upsert(
      String subject, String username, String email, String fullName, boolean admin) {
    Tuple args =
        Tuple.tuple()
            .addString(subject)
            .addString(username.length() > 80 ? username.substring(0, 80) : username)
            .addString(email)
            .addString(fullName)
            .addString(admin ? "admin" : "user");
    return pool.preparedQuery(UPSERT).execute(args).map(UserDirectory::first);
  }

  private static CurrentUser first(RowSet<Row> rows) {
    var it = rows.iterator();
    if (!it.hasNext()) {
      return null;
    }
    return user(it.next());
  }

  private static CurrentUser user(Row r) {
    return user(r, "id");
  }

  /** The user of a row with the user columns, its id in column {@code idColumn}. */
  static CurrentUser user(Row r, String idColumn) {
    return CurrentUser.of(
        r.getLong(idColumn),
        r.getString("username"),
        r.getString("time_zone"),
        r.getInteger("rounding_minutes"),
        r.getString("rounding_method"),
        "admin".equals(r.getString("role")),
        r.getBoolean("active"));
  }
}
