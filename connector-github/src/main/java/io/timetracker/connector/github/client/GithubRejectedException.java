package io.timetracker.connector.github.client;

/**
 * A final 4xx from GitHub that is not a rate limit (bad or revoked token, no access, no such
 * repository): retrying does not help, and it does not count against the circuit breaker.
 */
public class GithubRejectedException extends GithubException {
  /** With the HTTP status. */
  public GithubRejectedException(int status) {
    super(status, false, null);
  }
}
