package io.timetracker.gateway.client;

import java.util.Optional;

/**
 * A connector answered an error (4xx or 5xx) on its user API; the gateway passes a refusal on as
 * the connector wrote it and turns an outage into its own 503.
 */
public class ConnectorAnswerException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final int status;
  private final String body;
  private final String contentType;
  private final String retryAfter;

  /** What the connector answered. */
  public ConnectorAnswerException(int status, String body, String contentType, String retryAfter) {
    super("connector answered HTTP " + status, null, false, false);
    this.status = status;
    this.body = body == null ? "" : body;
    this.contentType = contentType;
    this.retryAfter = retryAfter;
  }

  /** HTTP status. */
  public int status() {
    return status;
  }

  /** The body as sent. */
  public String body() {
    return body;
  }

  /** The media type as sent, if any. */
  public Optional<String> contentType() {
    return Optional.ofNullable(contentType);
  }

  /** The connector's {@code Retry-After}, if any. */
  public Optional<String> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }

  /** Whether this is the connector's "no active connection" problem ({@code not_configured}). */
  public boolean notConfigured() {
    return status == 404 && body.contains("\"not_configured\"");
  }

  /** Whether the connector is in trouble (5xx) rather than refusing the request (4xx). */
  public boolean outage() {
    return status >= 500;
  }
}
