package io.timetracker.contracts.client;

/** 409 {@code timer_already_running}: the user has a running timer and the policy was skip. */
public class TimerAlreadyRunningException extends CoreConflictException {
  /** The problem code the core sends. */
  public static final String CODE = "timer_already_running";

  public TimerAlreadyRunningException(String detail) {
    super(CODE, detail);
  }
}
