package io.timetracker.contracts.client;

/** 409: the change conflicts with the core's state ({@code invalid_transition}, ...). */
public class CoreConflictException extends CoreProblemException {
  public CoreConflictException(String code, String detail) {
    super(409, code, detail);
  }
}
