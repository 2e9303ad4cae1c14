package io.timetracker.timer.service;

import java.util.Optional;

/** Finds which database constraint a failure violated, whatever layer wrapped it. */
public final class Constraints {
  /** The partial unique index that allows one running timer per user. */
  public static final String ONE_RUNNING_TIMER = "ux_time_entries_one_running_per_user";

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

  /** Whether the failure is a violation of the named constraint. */
  public static boolean isViolation(Throwable failure, String constraint) {
    return violated(failure).map(name -> name.contains(constraint)).orElse(false);
  }
}
