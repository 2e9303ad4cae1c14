package io.timetracker.timer.service;

import java.util.Optional;

/** Finds which database constraint a failure violated, whatever layer wrapped it. */
public final class Constraints {
  /** The partial unique index that allows one running timer per user. */
  public static final String ONE_RUNNING_TIMER = "ux_time_entries_one_running_per_user";

  /** One time entry per user and external reference. */
  public static final String ENTRY_EXTERNAL_REF = "ux_time_entries_user_external_ref";

  /** Primary key of the stored Idempotency-Key answers: (user, key). */
  public static final String IDEMPOTENCY_KEY = "pk_idempotency_keys";

  private Constraints() {}

  /** Name of the violated unique/check/foreign-key constraint, if the failure is one. */
  public static Optional<String> violated(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof io.vertx.pgclient.PgException pg
          && pg.getSqlState() != null
          && pg.getSqlState().startsWith("23")) {
        return Optional.of(pg.getConstraint() == null ? "" : pg.getConstraint());
      }
      if (t instanceof org.hibernate.exception.ConstraintViolationException cv) {
        return Optional.of(cv.getConstraintName() == null ? "" : cv.getConstraintName());
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return Optional.empty();
  }

  /**
   * Whether the database refused a value it cannot store (SQLSTATE class 22: too long, out of
   * range), which means the input was bad, not the server.
   */
  public static boolean isBadValue(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof io.vertx.pgclient.PgException pg
          && pg.getSqlState() != null
          && pg.getSqlState().startsWith("22")) {
        return true;
      }
      if (t instanceof org.hibernate.exception.DataException) {
        return true;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return false;
  }

  /** Whether the failure is a violation of the named constraint. */
  public static boolean isViolation(Throwable failure, String constraint) {
    return violated(failure).map(name -> name.contains(constraint)).orElse(false);
  }
}
