package io.timetracker.connector.kit.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The answer of every connector operation for a user without an active connection: {@code {"ok":
 * false, "error": "Integration not configured"}} (DESIGN §6; HTTP 200 on the settings API, a
 * problem+json 404 with code {@code not_configured} on the service API). Never an exception.
 *
 * @param ok always false
 * @param error always {@value #MESSAGE}
 */
@Schema(description = "The user has no active connection for this provider")
public record NotConfigured(boolean ok, String error) {

  /** The fixed error text, as in the original. */
  public static final String MESSAGE = "Integration not configured";

  /** The one instance. */
  public static final NotConfigured INSTANCE = new NotConfigured(false, MESSAGE);

  /** Only the fixed content is allowed. */
  public NotConfigured {
    if (ok || !MESSAGE.equals(error)) {
      throw new IllegalArgumentException("use NotConfigured.INSTANCE");
    }
  }
}
