package io.timetracker.contracts.client;

/**
 * 404: the user, entry or timer does not exist ({@code user_not_found}, {@code no_active_timer},
 * {@code time_entry_not_found}, ...). Connectors usually treat it as an empty result.
 */
public class CoreNotFoundException extends CoreProblemException {
  public CoreNotFoundException(String code, String detail) {
    super(404, code, detail);
  }
}
